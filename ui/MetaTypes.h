#pragma once
// The engine's report structs as Qt meta-types, so that they travel through queued signals. Include this before any
// header that names them in a signal.
#include "core/train/Metrics.h"

#include <QList>
#include <QMetaType>

Q_DECLARE_METATYPE(core::StepMetrics)
Q_DECLARE_METATYPE(core::EvalMetrics)
Q_DECLARE_METATYPE(core::RunSummary)
