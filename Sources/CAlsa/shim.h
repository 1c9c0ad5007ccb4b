/* ALSA's PCM API (libasound2). */
#ifndef SWITCHBOARD_CALSA_H
#define SWITCHBOARD_CALSA_H
#include <alsa/asoundlib.h>
#endif
