#define _XOPEN_SOURCE 700
#include <wchar.h>
#include "ccursesshim.h"

int sh_wcwidth(uint32_t codepoint) { return wcwidth((wchar_t)codepoint); }
WINDOW *sh_stdscr(void) { return stdscr; }
int sh_lines(void) { return LINES; }
int sh_cols(void) { return COLS; }
attr_t sh_a_bold(void) { return A_BOLD; }
attr_t sh_a_reverse(void) { return A_REVERSE; }
attr_t sh_a_dim(void) { return A_DIM; }
