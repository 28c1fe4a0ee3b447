/* SPDX-License-Identifier: MIT */
/* config.ini parsing and appending, state.ini saving, and the XDG paths. */
#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "orgdeck/config.h"
#include "orgdeck/paths.h"
#include "orgdeck/state.h"

static char test_dir[256];

static void config_setup(void)
{
	snprintf(test_dir, sizeof(test_dir), "%s/orgdeck-config.XXXXXX",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	cr_assert_not_null(mkdtemp(test_dir));
}

static void config_teardown(void)
{
	char cmd[512];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", test_dir);
	cr_expect_eq(system(cmd), 0);
}

TestSuite(config, .init = config_setup, .fini = config_teardown);

/* Writes @text to DIR/@name and returns the path (static storage). */
static const char *write_file(const char *name, const char *text)
{
	static char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", test_dir, name);
	f = fopen(path, "w");
	cr_assert_not_null(f);
	fputs(text, f);
	fclose(f);
	return path;
}

/* Reads a whole small file into a static buffer. */
static const char *read_file(const char *path)
{
	static char text[8192];
	FILE *f = fopen(path, "r");
	size_t n;

	cr_assert_not_null(f, "%s", path);
	n = fread(text, 1, sizeof(text) - 1, f);
	text[n] = '\0';
	fclose(f);
	return text;
}

static const char sample[] = "; orgdeck settings\n"
			     "[orgdeck]\n"
			     "theme = solarized\n"
			     "log_level = debug\n"
			     "log = /var/tmp/orgdeck-test.log\n"
			     "mouse = yes\n"
			     "readonly = on\n"
			     "credentials = file\n"
			     "\n"
			     "[profile work]\n"
			     "server = https://orgdeck.example.com\n"
			     "ca_file = /etc/ssl/work.pem\n"
			     "default_org = org_123\n"
			     "default_project = prj_456\n"
			     "\n"
			     "[profile home-lab]\n"
			     "server = http://127.0.0.1:8080\n";

Test(config, sample_file_gives_every_setting_and_profile)
{
	const struct config_profile *work, *lab;
	struct config cfg;

	config_init(&cfg);
	cr_assert_eq(config_load(&cfg, write_file("config.ini", sample)), 0);

	cr_expect_eq(cfg.nwarnings, 0, "%s",
		     cfg.nwarnings ? cfg.warnings[0] : "");
	cr_expect_str_eq(cfg.theme, "solarized");
	cr_expect_eq(cfg.log_level, LOG_LEVEL_DEBUG);
	cr_expect_str_eq(cfg.log, "/var/tmp/orgdeck-test.log");
	cr_expect(cfg.mouse);
	cr_expect(cfg.readonly);
	cr_expect_eq(cfg.credentials, CONFIG_CREDENTIALS_FILE);
	cr_assert_eq(cfg.nprofiles, 2);

	work = config_profile_find(&cfg, "work");
	cr_assert_not_null(work);
	cr_expect_str_eq(work->server, "https://orgdeck.example.com");
	cr_expect_str_eq(work->ca_file, "/etc/ssl/work.pem");
	cr_expect_str_eq(work->default_org, "org_123");
	cr_expect_str_eq(work->default_project, "prj_456");

	lab = config_profile_find(&cfg, "home-lab");
	cr_assert_not_null(lab);
	cr_expect_str_eq(lab->server, "http://127.0.0.1:8080");
	cr_expect_null(lab->ca_file);
	cr_expect_null(config_profile_find(&cfg, "missing"));
	config_release(&cfg);
}

Test(config, missing_file_keeps_the_defaults)
{
	char path[512];
	struct config cfg;

	snprintf(path, sizeof(path), "%s/nope/config.ini", test_dir);
	config_init(&cfg);
	cr_assert_eq(config_load(&cfg, path), 0);
	cr_expect_null(cfg.path);
	cr_expect_null(cfg.log);
	cr_expect_not(cfg.mouse);
	cr_expect_not(cfg.readonly);
	cr_expect_eq(cfg.log_level, LOG_LEVEL_INFO);
	cr_expect_eq(cfg.credentials, CONFIG_CREDENTIALS_KEYRING);
	cr_expect_eq(cfg.nprofiles, 0);
	config_release(&cfg);
}

/* Whether some warning starts with "PATH:LINE:" and contains @text. */
static int has_warning(const struct config *cfg, const char *path, int line,
		       const char *text)
{
	char prefix[600];
	size_t i;

	snprintf(prefix, sizeof(prefix), "%s:%d: ", path, line);
	for (i = 0; i < cfg->nwarnings; i++)
		if (strncmp(cfg->warnings[i], prefix, strlen(prefix)) == 0 &&
		    strstr(cfg->warnings[i], text) != NULL)
			return 1;
	return 0;
}

Test(config, mistakes_are_reported_with_their_line_and_skipped)
{
	char long_line[400];
	char text[1200];
	struct config cfg;
	const char *path;

	memset(long_line, 'x', sizeof(long_line) - 1);
	long_line[sizeof(long_line) - 1] = '\0';
	snprintf(text, sizeof(text),
		 "[orgdeck]\n"			/* 1 */
		 "theme = dark\n"		/* 2 */
		 "colour = blue\n"		/* 3 */
		 "mouse = sometimes\n"		/* 4 */
		 "log_level = chatty\n"		/* 5 */
		 "[profile work]\n"		/* 6 */
		 "server = https://a.example\n" /* 7 */
		 "token = odk_pat_nope\n"	/* 8 */
		 "[profile bad name]\n"		/* 9 */
		 "server = https://b.example\n" /* 10 */
		 "[extras]\n"			/* 11 */
		 "x = 1\n"			/* 12 */
		 "comment = %s\n"		/* 13 */
		 "[orgdeck]\n"			/* 14 */
		 "readonly = true\n"		/* 15 */
		 "this line has no equals sign\n" /* 16 */,
		 long_line);
	path = write_file("config.ini", text);

	config_init(&cfg);
	cr_assert_eq(config_load(&cfg, path), 0);

	cr_expect(has_warning(&cfg, path, 3, "unknown key \"colour\""));
	cr_expect(has_warning(&cfg, path, 4, "mouse \"sometimes\""));
	cr_expect(has_warning(&cfg, path, 5, "log_level \"chatty\""));
	cr_expect(has_warning(&cfg, path, 8, "unknown key \"token\""));
	cr_expect(has_warning(&cfg, path, 10, "profile name \"bad name\""));
	cr_expect(has_warning(&cfg, path, 12, "unknown section [extras]"));
	cr_expect(has_warning(&cfg, path, 13, "longer than"));
	cr_expect(has_warning(&cfg, path, 16, "not a \"key = value\" line"));
	cr_expect_eq(cfg.nwarnings, 8, "got %zu warnings", cfg.nwarnings);

	/* Everything else still applies. */
	cr_expect_str_eq(cfg.theme, "dark");
	cr_expect(cfg.readonly);
	cr_expect_not(cfg.mouse);
	cr_expect_eq(cfg.log_level, LOG_LEVEL_INFO);
	cr_assert_eq(cfg.nprofiles, 1);
	cr_expect_str_eq(cfg.profiles[0].server, "https://a.example");
	config_release(&cfg);
}

Test(config, log_true_means_the_state_dir_log)
{
	char state[512], want[600];
	struct config cfg;

	snprintf(state, sizeof(state), "%s/state", test_dir);
	setenv("XDG_STATE_HOME", state, 1);
	snprintf(want, sizeof(want), "%s/orgdeck/orgdeck.log", state);

	config_init(&cfg);
	config_load(&cfg, write_file("a.ini", "[orgdeck]\nlog = true\n"));
	cr_expect_str_eq(cfg.log, want);
	config_load(&cfg, write_file("b.ini", "[orgdeck]\nlog = off\n"));
	cr_expect_null(cfg.log);
	config_load(&cfg, write_file("c.ini", "[orgdeck]\nlog = rel.log\n"));
	cr_expect_null(cfg.log);
	cr_expect_eq(cfg.nwarnings, 1);
	config_release(&cfg);
}

Test(config, appending_a_profile_keeps_the_users_text)
{
	static const char mine[] = "# my settings, my way\n"
				   "[orgdeck]\n"
				   "theme = dark ; the best one";
	struct config_profile prof = { .name = "ci",
				       .server = "http://127.0.0.1:9" };
	struct config cfg;
	const char *path = write_file("config.ini", mine);
	const char *after;

	cr_assert_eq(config_profile_append(path, &prof), 0);

	after = read_file(path);
	cr_expect_eq(strncmp(after, mine, strlen(mine)), 0, "%s", after);
	cr_expect_str_eq(after + strlen(mine),
			 "\n\n[profile ci]\nserver = http://127.0.0.1:9\n");

	config_init(&cfg);
	cr_assert_eq(config_load(&cfg, path), 0);
	cr_expect_eq(cfg.nwarnings, 0);
	cr_expect_str_eq(cfg.theme, "dark");
	cr_assert_not_null(config_profile_find(&cfg, "ci"));
	cr_expect_str_eq(config_profile_find(&cfg, "ci")->server,
			 "http://127.0.0.1:9");
	config_release(&cfg);
}

Test(config, appending_creates_a_private_file_and_refuses_bad_values)
{
	struct config_profile prof = { .name = "new", .server = "http://h" };
	struct config_profile evil = { .name = "x",
				       .server = "http://h\n[orgdeck]" };
	struct config_profile badname = { .name = "a b", .server = "http://h" };
	char path[512];
	struct stat st;

	snprintf(path, sizeof(path), "%s/fresh/orgdeck/config.ini", test_dir);
	cr_assert_eq(config_profile_append(path, &prof), 0);
	cr_assert_eq(stat(path, &st), 0);
	cr_expect_eq(st.st_mode & 0777, 0600);
	cr_expect_str_eq(read_file(path), "[profile new]\nserver = http://h\n");

	cr_expect_eq(config_profile_append(path, &evil), -1);
	cr_expect_eq(config_profile_append(path, &badname), -1);
	cr_expect_str_eq(read_file(path), "[profile new]\nserver = http://h\n");
}

/* Counts the entries of @dir other than . and .. */
static int count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	cr_assert_not_null(d);
	for (e = readdir(d); e != NULL; e = readdir(d))
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

Test(config, state_is_saved_whole_and_read_back)
{
	char dir[512], path[600];
	struct state st, back;
	struct stat sb;

	snprintf(dir, sizeof(dir), "%s/state/orgdeck", test_dir);
	snprintf(path, sizeof(path), "%s/state.ini", dir);
	state_init(&st);
	cr_assert_eq(state_set_last_profile(&st, "work"), 0);
	cr_assert_eq(state_set_selection(&st, "work", "org_1", "prj_2"), 0);
	cr_assert_eq(state_set_selection(&st, "home", "org_9", NULL), 0);
	cr_assert_eq(state_set_selection(&st, "work", "org_3", "prj_4"), 0);
	cr_assert_eq(state_save(&st, dir), 0);

	cr_expect_str_eq(read_file(path), "[orgdeck]\n"
					  "last_profile = work\n"
					  "\n"
					  "[profile work]\n"
					  "org = org_3\n"
					  "project = prj_4\n"
					  "\n"
					  "[profile home]\n"
					  "org = org_9\n");
	cr_expect_eq(count_entries(dir), 1, "a temporary file was left");
	cr_assert_eq(stat(path, &sb), 0);
	cr_expect_eq(sb.st_mode & 0777, 0600);

	state_init(&back);
	cr_assert_eq(state_load(&back, dir), 0);
	cr_expect_str_eq(back.last_profile, "work");
	cr_assert_eq(back.nselections, 2);
	cr_expect_str_eq(state_selection_find(&back, "work")->org, "org_3");
	cr_expect_str_eq(state_selection_find(&back, "work")->project, "prj_4");
	cr_expect_null(state_selection_find(&back, "home")->project);
	state_release(&back);
	state_release(&st);
}

Test(config, a_failed_state_save_leaves_the_old_file)
{
	struct rlimit small = { 8, 8 };
	char dir[512], path[600];
	struct state st;
	char *before;

	snprintf(dir, sizeof(dir), "%s/st", test_dir);
	snprintf(path, sizeof(path), "%s/state.ini", dir);
	state_init(&st);
	state_set_last_profile(&st, "one");
	cr_assert_eq(state_save(&st, dir), 0);
	before = strdup(read_file(path));

	/* Writes past 8 bytes now fail (EFBIG), after the temporary file
	 * exists: the save must clean up and keep the old state. */
	signal(SIGXFSZ, SIG_IGN);
	cr_assert_eq(setrlimit(RLIMIT_FSIZE, &small), 0);
	state_set_last_profile(&st, "two");
	cr_expect_eq(state_save(&st, dir), -1);

	cr_expect_str_eq(read_file(path), before);
	cr_expect_eq(count_entries(dir), 1, "a temporary file was left");
	free(before);
	state_release(&st);
}

Test(config, state_refuses_what_it_could_not_read_back)
{
	struct state st;

	state_init(&st);
	cr_expect_eq(state_set_selection(&st, "work", "org 1", NULL), -1);
	cr_expect_eq(state_set_selection(&st, "work", "org_1\n[x]", NULL), -1);
	cr_expect_eq(state_set_selection(&st, "bad name", "org_1", NULL), -1);
	cr_expect_eq(state_set_last_profile(&st, ""), -1);
	cr_expect_eq(st.nselections, 0);
	cr_expect_null(st.last_profile);
	state_release(&st);
}

Test(config, paths_follow_xdg_and_ignore_relative_values)
{
	char *p;

	setenv("HOME", "/home/ada", 1);
	setenv("XDG_CONFIG_HOME", "/cfg", 1);
	unsetenv("XDG_STATE_HOME");
	setenv("XDG_DATA_HOME", "relative/data", 1);

	p = paths_config_file();
	cr_expect_str_eq(p, "/cfg/orgdeck/config.ini");
	free(p);
	p = paths_state_dir();
	cr_expect_str_eq(p, "/home/ada/.local/state/orgdeck");
	free(p);
	p = paths_log_file();
	cr_expect_str_eq(p, "/home/ada/.local/state/orgdeck/orgdeck.log");
	free(p);
	p = paths_credentials_file();
	cr_expect_str_eq(p, "/home/ada/.local/share/orgdeck/credentials");
	free(p);

	unsetenv("HOME");
	unsetenv("XDG_CONFIG_HOME");
	cr_expect_null(paths_config_file());
}
