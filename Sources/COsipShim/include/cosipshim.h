/* One-line wrappers for the libosip2 parser symbols Swift 6 cannot use:
   function-like macros (osip_free), globals, and a C trace sink so osip's
   diagnostics never reach stdout (they would corrupt a curses screen and
   JSON output). */
#ifndef SWITCHBOARD_COSIPSHIM_H
#define SWITCHBOARD_COSIPSHIM_H
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <osipparser2/osip_port.h>
#include <osipparser2/osip_parser.h>
#include <osipparser2/sdp_message.h>

/* Runs parser_init() exactly once (thread-safe) and installs the trace sink.
   Returns 0 on success. */
int sh_osip_setup(void);

/* Route osip's trace: 0 = drop everything (default), 1 = write to stderr. */
void sh_osip_trace_to_stderr(int enabled);

/* osip_free is a macro over a global allocator pointer. */
void sh_osip_free(void *p);

/* osip_strdup for strings whose ownership osip setters take. */
char *sh_osip_strdup(const char *s);

/* Number of osip trace lines seen since start (diagnostics, tests). */
unsigned long sh_osip_trace_count(void);


/* Baseline for benchmarks: parse each of `count` buffers `rounds` times with
   osip_message_init/parse/free and nothing else. Returns the number of
   successful parses. */
unsigned long sh_osip_parse_loop(const char *const *buffers, const size_t *lengths,
                                 size_t count, size_t rounds);
#endif
