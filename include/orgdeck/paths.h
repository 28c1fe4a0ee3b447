/* SPDX-License-Identifier: MIT */
/*
 * Where orgdeck keeps its files, after the XDG base directory rules: the
 * user's settings under $XDG_CONFIG_HOME (~/.config), what the program
 * writes for itself under $XDG_STATE_HOME (~/.local/state), and the
 * encrypted credentials file under $XDG_DATA_HOME (~/.local/share).
 *
 * An XDG variable that is unset, empty or not an absolute path is ignored,
 * as the rules ask.  Every function returning a path returns a string the
 * caller frees with free(), or NULL with errno set (ENOENT when neither the
 * XDG variable nor $HOME gives a place, ENOMEM).
 */
#ifndef ORGDECK_PATHS_H
#define ORGDECK_PATHS_H

#include <sys/types.h>

/* $XDG_CONFIG_HOME/orgdeck/config.ini */
char *paths_config_file(void);

/* $XDG_STATE_HOME/orgdeck */
char *paths_state_dir(void);

/* $XDG_STATE_HOME/orgdeck/orgdeck.log, the log when `log = true` */
char *paths_log_file(void);

/* $XDG_DATA_HOME/orgdeck */
char *paths_data_dir(void);

/* $XDG_DATA_HOME/orgdeck/credentials, the opt-in encrypted file */
char *paths_credentials_file(void);

/*
 * Makes @dir and any missing parents with @mode (parents that exist keep
 * theirs).  Returns 0, or -1 with errno set.
 */
int paths_mkdir(const char *dir, mode_t mode);

/*
 * Makes the directory that holds @file, as paths_mkdir().  Returns 0, or -1
 * with errno set.
 */
int paths_mkdir_parent(const char *file, mode_t mode);

#endif
