/* ncursesw with the wide-character API: SwiftPM drops pkg-config's -D flags,
   so the header turns the feature macros on itself. */
#ifndef SWITCHBOARD_CNCURSESW_H
#define SWITCHBOARD_CNCURSESW_H
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>
#endif
