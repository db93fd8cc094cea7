#include "ui/history/ConfigDiffView.h"

#include "core/experiment/ConfigDiff.h"
#include "ui/common/ErrorText.h"
#include "ui/common/SettingToolTip.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>

namespace ui {

namespace {

QTableWidget* makeTable(QWidget* parent, const QString& name, int columns)
{
    auto* table = new QTableWidget(0, columns, parent);
    table->setObjectName(name);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->verticalHeader()->setVisible(false);
    table->horizontalHeader()->setStretchLastSection(true);
    table->setWordWrap(false);
    return table;
}

QTableWidgetItem* item(const QString& text)
{
    auto* cell = new QTableWidgetItem(text);
    cell->setToolTip(text);
    return cell;
}

QString runTitle(const core::RunRecord& run)
{
    return QStringLiteral("#%1 %2").arg(run.id).arg(QString::fromStdString(run.name));
}

QString finalText(const std::map<std::string, double>& finals, const std::string& name)
{
    const auto found = finals.find(name);
    return found == finals.end() ? QString() : QString::number(found->second, 'g', 6);
}

} // namespace

ConfigDiffView::ConfigDiffView(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_hint = new QLabel(this);
    m_hint->setObjectName("diffHint");
    m_hint->setWordWrap(true);
    m_hint->setAlignment(Qt::AlignCenter);
    layout->addWidget(m_hint);
    m_settingsTitle = new QLabel(tr("<b>Settings that differ</b> (everything else in the two experiment files is "
                                    "the same)"), this);
    layout->addWidget(m_settingsTitle);
    m_settings = makeTable(this, "diffSettings", 3);
    layout->addWidget(m_settings, 2);
    m_finalsTitle = new QLabel(tr("<b>Final evaluation</b>"), this);
    layout->addWidget(m_finalsTitle);
    m_finals = makeTable(this, "diffFinals", 4);
    layout->addWidget(m_finals, 1);
    showHint(tr("Select two runs in the table (Ctrl+click) to see which settings differ and what that did to "
                "their final metrics."));
}

void ConfigDiffView::showHint(const QString& text)
{
    m_comparing = false;
    m_hint->setText(text);
    m_hint->setVisible(true);
    for (QWidget* w : std::initializer_list<QWidget*>{m_settingsTitle, m_settings, m_finalsTitle, m_finals})
        w->setVisible(false);
    m_settings->setRowCount(0);
    m_finals->setRowCount(0);
}

void ConfigDiffView::setRuns(const std::vector<core::RunRecord>& runs)
{
    if (runs.size() != 2) {
        showHint(runs.size() < 2 ? tr("Select two runs in the table (Ctrl+click) to see which settings differ and "
                                      "what that did to their final metrics.")
                                 : tr("%1 runs are selected; the comparison shows exactly two. Keep two selected.")
                                       .arg(runs.size()));
        return;
    }
    const core::RunRecord& a = runs[0];
    const core::RunRecord& b = runs[1];
    std::vector<core::ConfigDifference> differences;
    try {
        differences = core::configDiff(a.configYaml, b.configYaml, "the experiment of run #" + std::to_string(a.id),
                                       "the experiment of run #" + std::to_string(b.id));
    } catch (...) {
        showHint(tr("Cannot compare the two runs: %1").arg(describeException(std::current_exception()).message));
        return;
    }
    m_comparing = true;
    m_hint->setVisible(false);
    for (QWidget* w : std::initializer_list<QWidget*>{m_settingsTitle, m_settings, m_finalsTitle, m_finals})
        w->setVisible(true);
    m_settings->setHorizontalHeaderLabels({tr("setting"), runTitle(a), runTitle(b)});
    m_settings->setRowCount(static_cast<int>(differences.size()));
    int row = 0;
    for (const auto& d : differences) {
        // An absent key is not an empty value: say so (and what it means), or "" reads as "set to nothing".
        const auto shown = [&d](const std::string& value) {
            if (!value.empty())
                return QString::fromStdString(value);
            return d.defaultValue.empty() ? tr("(not set)")
                                          : tr("(not set: default %1)").arg(QString::fromStdString(d.defaultValue));
        };
        m_settings->setItem(row, 0, item(QString::fromStdString(d.key)));
        m_settings->item(row, 0)->setToolTip(settingToolTip(d.key));
        m_settings->setItem(row, 1, item(shown(d.left)));
        m_settings->setItem(row, 2, item(shown(d.right)));
        ++row;
    }
    m_settingsTitle->setText(differences.empty()
                                 ? tr("<b>Settings</b>: the two experiment files are the same (a rerun: any "
                                      "difference in the results below is noise or a changed model/data file — "
                                      "compare the hashes in the details)")
                                 : tr("<b>%n setting(s) differ</b> (everything else in the two experiment files is "
                                      "the same)", nullptr, static_cast<int>(differences.size())));
    m_settings->resizeColumnsToContents();
    fillFinals(a, b);
}

void ConfigDiffView::fillFinals(const core::RunRecord& a, const core::RunRecord& b)
{
    const std::vector<std::string> names = core::finalMetricNames(std::vector<const core::RunRecord*>{&a, &b});
    m_finals->setHorizontalHeaderLabels(
        {tr("final metric"), runTitle(a), runTitle(b), QStringLiteral("#%1 − #%2").arg(b.id).arg(a.id)});
    m_finals->setRowCount(static_cast<int>(names.size()));
    int row = 0;
    for (const auto& name : names) {
        m_finals->setItem(row, 0, item(QString::fromStdString(name)));
        m_finals->setItem(row, 1, item(finalText(a.finals, name)));
        m_finals->setItem(row, 2, item(finalText(b.finals, name)));
        const auto left = a.finals.find(name);
        const auto right = b.finals.find(name);
        QString delta;
        if (left != a.finals.end() && right != b.finals.end() && !std::isnan(left->second) &&
            !std::isnan(right->second))
            delta = QString::number(right->second - left->second, 'g', 4);
        m_finals->setItem(row, 3, item(delta));
        ++row;
    }
    m_finalsTitle->setText(names.empty() ? tr("<b>Final evaluation</b>: neither run has one (not finished).")
                                         : tr("<b>Final evaluation</b>"));
    m_finals->resizeColumnsToContents();
}

bool ConfigDiffView::isComparing() const { return m_comparing; }

QString ConfigDiffView::hintText() const { return m_hint->text(); }

QStringList ConfigDiffView::difference(const QString& key) const
{
    for (int row = 0; row < m_settings->rowCount(); ++row)
        if (m_settings->item(row, 0)->text() == key)
            return {m_settings->item(row, 1)->text(), m_settings->item(row, 2)->text()};
    return {};
}

} // namespace ui
