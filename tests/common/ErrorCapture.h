#pragma once
// Catching the core::Error a call throws, to check its message: the suites assert that bad input is refused with a
// message that names the file, the field and the fix.
#include "core/common/Error.h"

#include <QString>
#include <QStringList>
#include <QtTest>

#include <functional>

namespace testutil {

// The message of the core::Error that fn throws; empty when it throws none. Any other exception is not caught, so it
// fails the test. LORAWB_SHOW_ERRORS=1 prints every message, to read them as a user would.
template <typename Fn>
QString errorOf(Fn&& fn)
{
    try {
        fn();
    } catch (const core::Error& e) {
        if (qEnvironmentVariableIsSet("LORAWB_SHOW_ERRORS"))
            qInfo("%s", e.what());
        return QString::fromUtf8(e.what());
    }
    return {};
}

// `body` must throw core::Error whose message contains every one of `parts`; returns the message for further checks.
// QTest::qFail rather than QVERIFY, which cannot return a value; the location reported is this helper's, and the test
// goes on after a failure here as it would after a QVERIFY in any helper.
inline QString expectError(const std::function<void()>& body, const QStringList& parts)
{
    try {
        body();
    } catch (const core::Error& e) {
        const QString message = QString::fromUtf8(e.what());
        if (qEnvironmentVariableIsSet("LORAWB_SHOW_ERRORS"))
            qInfo("%s", e.what());
        for (const QString& part : parts)
            if (!message.contains(part)) {
                QTest::qFail(qPrintable("missing '" + part + "' in: " + message), __FILE__, __LINE__);
                return message;
            }
        return message;
    }
    QTest::qFail("expected core::Error", __FILE__, __LINE__);
    return {};
}

} // namespace testutil

// QVERIFY that `message` contains `part`, showing both when it does not.
#define VERIFY_CONTAINS(message, part)                                                                            \
    QVERIFY2((message).contains(part), qPrintable(QString("'%1' not in: %2").arg(QString(part), message)))
