/* libosip2's parser headers are not self-contained: osip.h needs timeval and
   time_t, osip_free expands to free(), the MSG_IS_* macros use strcmp. */
#ifndef SWITCHBOARD_COSIP2_H
#define SWITCHBOARD_COSIP2_H
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <osipparser2/osip_port.h>
#include <osipparser2/osip_parser.h>
#include <osipparser2/sdp_message.h>
#endif
