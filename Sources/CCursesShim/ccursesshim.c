#define _GNU_SOURCE 1
#define _XOPEN_SOURCE 700
#include <wchar.h>
#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include "ccursesshim.h"

int sh_wcwidth(uint32_t codepoint) { return wcwidth((wchar_t)codepoint); }
WINDOW *sh_stdscr(void) { return stdscr; }
int sh_lines(void) { return LINES; }
int sh_cols(void) { return COLS; }
attr_t sh_a_bold(void) { return A_BOLD; }
attr_t sh_a_reverse(void) { return A_REVERSE; }
attr_t sh_a_dim(void) { return A_DIM; }

/* --- TUI additions --- */

static locale_t utf8_locale = (locale_t)0;
static pthread_once_t utf8_locale_once = PTHREAD_ONCE_INIT;
static void make_utf8_locale(void) { utf8_locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0); }

int sh_wcwidth_utf8(uint32_t codepoint) {
    pthread_once(&utf8_locale_once, make_utf8_locale);
    if (utf8_locale == (locale_t)0) return wcwidth((wchar_t)codepoint);
    locale_t previous = uselocale(utf8_locale);
    int width = wcwidth((wchar_t)codepoint);
    uselocale(previous);
    return width;
}

attr_t sh_a_underline(void) { return A_UNDERLINE; }
int sh_key_f(int n) { return KEY_F(n); }
int sh_colors(void) { return COLORS; }
int sh_color_pairs(void) { return COLOR_PAIRS; }

static FILE *term_out = NULL;
static FILE *term_in = NULL;

SCREEN *sh_newterm_fds(int out_fd, int in_fd) {
    term_out = fdopen(out_fd, "w");
    term_in = fdopen(in_fd, "r");
    if (term_out == NULL || term_in == NULL) return NULL;
    return newterm(NULL, term_out, term_in);
}

void sh_endterm(SCREEN *screen) {
    endwin();
    if (screen != NULL) delscreen(screen);
    if (term_out != NULL) { fflush(term_out); fclose(term_out); term_out = NULL; }
    if (term_in != NULL) { fclose(term_in); term_in = NULL; }
}

int sh_terminal_size(int fd, int *rows, int *cols) {
    struct winsize size;
    if (ioctl(fd, TIOCGWINSZ, &size) != 0 || size.ws_row == 0 || size.ws_col == 0) return -1;
    *rows = size.ws_row;
    *cols = size.ws_col;
    return 0;
}

int sh_locale_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    return codeset != NULL && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
}

int sh_nonblocking_pipe(int fds[2]) { return pipe2(fds, O_NONBLOCK | O_CLOEXEC); }

static volatile sig_atomic_t signal_pipe_fd = -1;
static const int routed_signals[] = { SIGWINCH, SIGINT, SIGTERM, SIGHUP };
#define ROUTED_SIGNAL_COUNT (sizeof routed_signals / sizeof routed_signals[0])
static struct sigaction previous_actions[ROUTED_SIGNAL_COUNT];
static int signal_pipe_installed = 0;

static void signal_to_pipe(int signal_number) {
    int saved = errno;
    unsigned char byte = (unsigned char)signal_number;
    int fd = signal_pipe_fd;
    if (fd >= 0) (void)!write(fd, &byte, 1);
    errno = saved;
}

int sh_signal_pipe_install(int write_fd) {
    if (signal_pipe_installed) return -1;
    signal_pipe_fd = write_fd;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = signal_to_pipe;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;   /* other threads' system calls carry on */
    for (size_t i = 0; i < ROUTED_SIGNAL_COUNT; i++) {
        if (sigaction(routed_signals[i], &action, &previous_actions[i]) != 0) return -1;
    }
    signal_pipe_installed = 1;
    return 0;
}

void sh_signal_pipe_uninstall(void) {
    if (!signal_pipe_installed) return;
    for (size_t i = 0; i < ROUTED_SIGNAL_COUNT; i++) sigaction(routed_signals[i], &previous_actions[i], NULL);
    signal_pipe_fd = -1;
    signal_pipe_installed = 0;
}
