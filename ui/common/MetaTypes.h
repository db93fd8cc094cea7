#pragma once
// The engine's report structs as Qt meta-types, so that they travel through queued signals. Include this before any
// header that names them in a signal.
#include "core/eval/ProbeResult.h"
#include "core/train/Metrics.h"

#include <QList>
#include <QMetaType>

Q_DECLARE_METATYPE(core::StepMetrics)
Q_DECLARE_METATYPE(core::EvalMetrics)
Q_DECLARE_METATYPE(core::RunSummary)
Q_DECLARE_METATYPE(core::ProbeResult)

namespace ui {
// Registers the types above for queued connections (idempotent); every worker calls it in its constructor.
inline void registerEngineMetaTypes()
{
    qRegisterMetaType<core::StepMetrics>();
    qRegisterMetaType<core::EvalMetrics>();
    qRegisterMetaType<core::RunSummary>();
    qRegisterMetaType<QList<core::StepMetrics>>();
    qRegisterMetaType<core::ProbeResult>();
}
} // namespace ui
