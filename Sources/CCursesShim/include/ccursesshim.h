/* Wrappers for the ncursesw symbols Swift 6 refuses: globals (stdscr, LINES,
   COLS) that Swift 6 rejects as shared mutable state, composite macros
   (A_BOLD, A_REVERSE), and wcwidth, which glibc hides unless _XOPEN_SOURCE is
   defined. */
#ifndef SWITCHBOARD_CCURSESSHIM_H
#define SWITCHBOARD_CCURSESSHIM_H
#include <stdint.h>
#include "../../CNcursesw/shim.h"

/* Display width of one Unicode scalar in terminal cells (-1: not printable).
   Needs an UTF-8 LC_CTYPE (setlocale) to answer for non-ASCII scalars. */
int sh_wcwidth(uint32_t codepoint);

WINDOW *sh_stdscr(void);
int sh_lines(void);
int sh_cols(void);
attr_t sh_a_bold(void);
attr_t sh_a_reverse(void);
attr_t sh_a_dim(void);

/* --- Added for the TUI's curses driver and its text measuring. --- */

/* Like sh_wcwidth, but always measured in the C.UTF-8 locale, whatever the
   process locale is: glibc's width table is the same for every UTF-8 locale,
   and layout code (and its tests) must not depend on whether someone called
   setlocale first. Thread-safe (uselocale is per thread). */
int sh_wcwidth_utf8(uint32_t codepoint);

attr_t sh_a_underline(void);
/* KEY_F(n) is a macro. */
int sh_key_f(int n);
/* COLORS and COLOR_PAIRS are globals, refused by Swift 6 like LINES. */
int sh_colors(void);
int sh_color_pairs(void);

/* newterm(NULL, out, in) on two file descriptors (stdout/stdin are globals
   Swift 6 refuses); the FILE streams are owned by curses until sh_endterm. */
SCREEN *sh_newterm_fds(int out_fd, int in_fd);
/* endwin + delscreen + fclose of the streams sh_newterm_fds opened. */
void sh_endterm(SCREEN *screen);

/* The terminal's size (ioctl TIOCGWINSZ is variadic, hidden from Swift).
   Returns 0 and fills rows/cols, or -1. */
int sh_terminal_size(int fd, int *rows, int *cols);

/* 1 when LC_CTYPE's codeset is UTF-8. */
int sh_locale_is_utf8(void);

/* pipe2(O_NONBLOCK | O_CLOEXEC), hidden from Swift without _GNU_SOURCE. */
int sh_nonblocking_pipe(int fds[2]);

/* Routes SIGWINCH, SIGINT, SIGTERM and SIGHUP to a pipe: the handler writes
   the signal number as one byte to write_fd (async-signal-safe), so the UI
   thread's poll() wakes whichever thread the kernel picked. Remembers the
   previous handlers; sh_signal_pipe_uninstall puts them back. */
int sh_signal_pipe_install(int write_fd);
void sh_signal_pipe_uninstall(void);
#endif
