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
#endif
