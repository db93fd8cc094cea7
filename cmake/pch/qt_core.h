// Precompiled for the engine's Qt Test suites (QTEST_APPLESS_MAIN). QtTest itself stays out: Qt defines
// QT_TESTCASE_BUILDDIR per test folder, and a header built with one value is refused by the others.
#pragma once
#include "torch.h"
#include <QtCore>
