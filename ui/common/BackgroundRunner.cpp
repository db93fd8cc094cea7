#include "ui/common/BackgroundRunner.h"

namespace ui {

BackgroundRunner::BackgroundRunner(QObject* parent) : QObject(parent) {}

BackgroundRunner::~BackgroundRunner()
{
    for (QThread* thread : findChildren<QThread*>(QString(), Qt::FindDirectChildrenOnly))
        thread->wait();
}

void BackgroundRunner::startThread(std::function<void()> body)
{
    QThread* thread = QThread::create(std::move(body));
    thread->setParent(this);
    ++m_running;
    connect(thread, &QThread::finished, this, [this, thread]() {
        thread->deleteLater();
        if (--m_running == 0)
            Q_EMIT idle();
    });
    thread->start();
}

} // namespace ui
