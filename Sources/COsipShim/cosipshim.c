#include "cosipshim.h"
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdatomic.h>

static atomic_int trace_to_stderr = 0;
static atomic_ulong trace_count = 0;
static pthread_once_t setup_once = PTHREAD_ONCE_INIT;
static int setup_result = -1;

/* osip's trace callback. Debian builds libosip2 with tracing on, and parse
   errors are reported through here; by default they are counted and dropped. */
static void sh_trace_sink(const char *file, int line, osip_trace_level_t level,
                          const char *fmt, va_list ap) {
  (void)level;
  atomic_fetch_add(&trace_count, 1);
  if (!atomic_load(&trace_to_stderr)) return;
  char buffer[512];
  vsnprintf(buffer, sizeof buffer, fmt, ap);
  fprintf(stderr, "osip %s:%d %s", file ? file : "?", line, buffer);
}

static void sh_setup_once(void) {
  osip_trace_initialize_func(END_TRACE_LEVEL, sh_trace_sink);
  setup_result = parser_init();
}

int sh_osip_setup(void) {
  pthread_once(&setup_once, sh_setup_once);
  return setup_result;
}

void sh_osip_trace_to_stderr(int enabled) { atomic_store(&trace_to_stderr, enabled ? 1 : 0); }

void sh_osip_free(void *p) { osip_free(p); }

char *sh_osip_strdup(const char *s) { return osip_strdup(s); }

unsigned long sh_osip_trace_count(void) { return atomic_load(&trace_count); }

unsigned long sh_osip_parse_loop(const char *const *buffers, const size_t *lengths,
                                 size_t count, size_t rounds) {
  unsigned long parsed = 0;
  for (size_t round = 0; round < rounds; round++) {
    for (size_t i = 0; i < count; i++) {
      osip_message_t *message = NULL;
      if (osip_message_init(&message) != 0) continue;
      if (osip_message_parse(message, buffers[i], lengths[i]) == 0) parsed++;
      osip_message_free(message);
    }
  }
  return parsed;
}
