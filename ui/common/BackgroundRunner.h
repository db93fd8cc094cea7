#pragma once
// Runs a piece of engine work (loading a model, reading and tokenizing a dataset, generating) on its own thread and
// hands the result back on the GUI thread, so the window never waits on the engine. Threads still running when the
// runner is destroyed are waited for; their results are dropped.
#include "ui/common/ErrorText.h"

#include <QObject>
#include <QPointer>
#include <QThread>

#include <functional>
#include <memory>

namespace ui {

class BackgroundRunner : public QObject {
    Q_OBJECT
public:
    explicit BackgroundRunner(QObject* parent = nullptr);
    ~BackgroundRunner() override;

    // work runs on a new thread and must capture only values it owns; done/failed run on this object's thread.
    template <typename T>
    void run(std::function<T()> work, std::function<void(T)> done, std::function<void(const ErrorText&)> failed)
    {
        QPointer<BackgroundRunner> self(this);
        startThread([self, work = std::move(work), done = std::move(done), failed = std::move(failed)]() {
            auto result = std::make_shared<T>();
            std::exception_ptr error;
            try {
                *result = work();
            } catch (...) {
                error = std::current_exception();
            }
            if (!self)
                return;
            QMetaObject::invokeMethod(
                self.data(),
                [result, error, done, failed]() {
                    if (error)
                        failed(describeException(error));
                    else
                        done(std::move(*result));
                },
                Qt::QueuedConnection);
        });
    }
    int running() const { return m_running; }

Q_SIGNALS:
    void idle(); ///< the last running thread finished

private:
    void startThread(std::function<void()> body);
    int m_running = 0;
};

} // namespace ui
