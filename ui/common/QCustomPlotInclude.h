#pragma once
// qcustomplot.h spells Qt's 'signals', 'slots' and 'foreach' keywords, which QT_NO_KEYWORDS (needed because they
// clash with libtorch headers) turns off. Include QCustomPlot only through this header.
#ifndef signals
#define LORAWB_DEFINED_SIGNALS
#define signals Q_SIGNALS
#endif
#ifndef slots
#define LORAWB_DEFINED_SLOTS
#define slots Q_SLOTS
#endif
#ifndef foreach
#define LORAWB_DEFINED_FOREACH
#define foreach Q_FOREACH
#endif

#include <qcustomplot.h>

#ifdef LORAWB_DEFINED_SIGNALS
#undef signals
#undef LORAWB_DEFINED_SIGNALS
#endif
#ifdef LORAWB_DEFINED_SLOTS
#undef slots
#undef LORAWB_DEFINED_SLOTS
#endif
#ifdef LORAWB_DEFINED_FOREACH
#undef foreach
#undef LORAWB_DEFINED_FOREACH
#endif
