/* SPDX-License-Identifier: MIT */
/*
 * The demo data `orgdeckd seed-demo` makes, by name, so that every part of
 * the demo (people here, keys and resources in seed_resources()) can refer
 * to the same organizations, projects and people.
 */
#ifndef ORGDECKD_SEED_H
#define ORGDECKD_SEED_H

#include "orgdeck/token.h"

#include "ids.h"
#include "req.h"

/* The demo people, in the order the tokens file lists them. */
enum seed_person {
	SEED_OWNER = 0, /* owner@: owns Acme, Manager in Globex */
	SEED_ADMIN,	/* admin@: Admin in Acme */
	SEED_MANAGER,	/* manager@: Manager in Acme, Admin of Production */
	SEED_MEMBER,	/* member@: Member in Acme, Manager of Staging */
	SEED_OTHER,	/* other@: owns Globex */
	SEED__PEOPLE
};

struct seed_demo {
	char user[SEED__PEOPLE][ID_SIZE];
	char token[SEED__PEOPLE][TOKEN_SIZE]; /* wiped when done */
	char acme[ID_SIZE];		      /* team org of owner@ */
	char globex[ID_SIZE];		      /* team org of other@ */
	char production[ID_SIZE];	      /* Acme's projects */
	char staging[ID_SIZE];
	char research[ID_SIZE]; /* Globex's project */
};

/*
 * Adds API keys, connections, secrets and AuthKit configurations to the
 * demo (seed.c calls it last, inside the same transaction).  Returns 0, or
 * -1 (logged) to roll the whole demo back.
 */
int seed_resources(struct req *req, const struct seed_demo *demo);

#endif
