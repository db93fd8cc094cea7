#include "ui/ranklab/MatrixPlayground.h"

#include "core/eval/RankAnalysis.h"
#include "ui/common/PlotPalette.h"
#include "ui/common/QCustomPlotInclude.h"
#include "ui/ranklab/MatrixText.h"

#include <ATen/ATen.h>

#include <QComboBox>
#include <QEvent>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace ui {
namespace {

QLabel* makeLabel(QWidget* parent, const QString& name)
{
    auto* label = new QLabel(parent);
    label->setObjectName(name);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

// Titles stay untranslated here (a static must not keep one language); examples() translates them when called.
struct PlaygroundExampleSource {
    const char* title;
    const char* text;
};

const PlaygroundExampleSource kPlaygroundExamples[] = {
    {QT_TRANSLATE_NOOP("ui::MatrixPlayground", "Third column = first − second (rank 2)"), "1 2 -1\n0 1 -1\n2 3 -1"},
    {QT_TRANSLATE_NOOP("ui::MatrixPlayground", "Multiples of one column plus a zero column (rank 1)"),
     "1 2 0 3\n2 4 0 6\n-1 -2 0 -3"},
    {QT_TRANSLATE_NOOP("ui::MatrixPlayground", "Identity (full rank 3)"), "1 0 0\n0 1 0\n0 0 1"},
    {QT_TRANSLATE_NOOP("ui::MatrixPlayground", "Random-looking, full rank (rank 3)"), "2 -1 0.5\n1 3 -2\n4 0.5 1"},
    {QT_TRANSLATE_NOOP("ui::MatrixPlayground", "Row 3 = row 1 + row 2: 4 columns, rank 2"),
     "1 0 2 1\n0 1 1 -1\n1 1 3 0"},
};

} // namespace

QList<PlaygroundExample> MatrixPlayground::examples()
{
    QList<PlaygroundExample> list;
    for (const PlaygroundExampleSource& e : kPlaygroundExamples)
        list.append({tr(e.title), QString::fromUtf8(e.text)});
    return list;
}

MatrixPlayground::MatrixPlayground(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QHBoxLayout(this);
    auto* left = new QVBoxLayout;
    m_examples = new QComboBox(this);
    m_examples->setObjectName("matrixExamples");
    const int exampleCount = static_cast<int>(examples().size());
    for (int i = 0; i <= exampleCount; ++i) // "Examples…", then one item per example: retranslateUi names them
        m_examples->addItem(QString());
    m_editor = new QPlainTextEdit(this);
    m_editor->setObjectName("matrixEditor");
    m_editor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_errorLabel = makeLabel(this, "matrixError");
    m_errorLabel->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_errorLabel->hide();
    left->addWidget(m_examples);
    left->addWidget(m_editor, 1);
    left->addWidget(m_errorLabel);

    auto* right = new QVBoxLayout;
    m_rankLabel = makeLabel(this, "matrixRank");
    QFont big = m_rankLabel->font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    big.setBold(true);
    m_rankLabel->setFont(big);
    m_toleranceLabel = makeLabel(this, "matrixTolerance");
    m_basisLabel = makeLabel(this, "matrixBasis");
    m_dependencyLabel = makeLabel(this, "matrixDependencies");
    m_dependencyLabel->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_plot = new QCustomPlot(this);
    m_plot->setObjectName("singularValuePlot");
    m_plot->setMinimumHeight(160);
    auto* above = new QCPBars(m_plot->xAxis, m_plot->yAxis);
    above->setBrush(palette::kBlue);
    above->setPen(Qt::NoPen);
    auto* below = new QCPBars(m_plot->xAxis, m_plot->yAxis);
    below->setBrush(QColor(180, 180, 180));
    below->setPen(Qt::NoPen);
    QSharedPointer<QCPAxisTickerFixed> ticker(new QCPAxisTickerFixed);
    ticker->setTickStep(1.0);
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    m_plot->xAxis->setTicker(ticker);
    m_caption = new QLabel(this);
    m_caption->setObjectName("singularValueCaption");
    m_caption->setWordWrap(true);
    right->addWidget(m_rankLabel);
    right->addWidget(m_toleranceLabel);
    right->addWidget(m_basisLabel);
    right->addWidget(m_dependencyLabel);
    right->addWidget(m_plot, 1);
    right->addWidget(m_caption);

    layout->addLayout(left, 2);
    layout->addLayout(right, 3);

    connect(m_examples, qOverload<int>(&QComboBox::activated), this, [this](int index) {
        if (index > 0)
            loadExample(index - 1);
    });
    connect(m_editor, &QPlainTextEdit::textChanged, this, &MatrixPlayground::analyse);
    retranslateUi();
    loadExample(0);
}

void MatrixPlayground::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void MatrixPlayground::retranslateUi()
{
    m_examples->setItemText(0, tr("Examples…"));
    const QList<PlaygroundExample> list = examples();
    for (int i = 0; i < list.size(); ++i)
        m_examples->setItemText(i + 1, list[i].title);
    m_editor->setPlaceholderText(
        tr("One row per line, numbers separated by spaces or commas:\n1 2 -1\n0 1 -1\n2 3 -1"));
    m_editor->setToolTip(tr("Type or paste a small matrix (up to %1 × %1). The analysis updates as you type.")
                             .arg(kMaxPlaygroundSize));
    m_plot->xAxis->setLabel(tr("singular value i"));
    m_plot->yAxis->setLabel(tr("σᵢ"));
    m_plot->plottable(0)->setName(tr("above the tolerance (counts)"));
    m_plot->plottable(1)->setName(tr("zero up to rounding"));
    m_plot->replot(QCustomPlot::rpQueuedReplot);
    m_caption->setText(tr("Rank = number of independent columns = number of singular values above the tolerance."));
    if (m_rank >= 0)
        showAnalysis();
    else if (!m_failure.isEmpty())
        showError(m_failure);
    else // the text is not a matrix: its parse error again, in the new language (parsing only)
        showError(parseMatrixText(m_editor->toPlainText()).error);
}

void MatrixPlayground::loadExample(int index)
{
    if (index < 0 || index >= examples().size())
        return;
    m_examples->setCurrentIndex(index + 1);
    setMatrixText(examples()[index].text);
}

void MatrixPlayground::setMatrixText(const QString& text) { m_editor->setPlainText(text); } // textChanged → analyse

QString MatrixPlayground::basisText() const { return m_basisLabel->text(); }
QString MatrixPlayground::errorText() const { return m_errorLabel->isHidden() ? QString() : m_errorLabel->text(); }
int MatrixPlayground::singularValueCount() const
{
    return m_plot->plottableCount() < 2 ? 0 : m_plot->plottable(0)->interface1D()->dataCount() +
                                                  m_plot->plottable(1)->interface1D()->dataCount();
}

void MatrixPlayground::showError(const QString& message)
{
    m_rank = -1;
    m_dependencies.clear();
    m_errorLabel->setText(message);
    m_errorLabel->show();
    m_rankLabel->setText(tr("Rank: —"));
    m_toleranceLabel->clear();
    m_basisLabel->clear();
    m_dependencyLabel->clear();
    for (int i = 0; i < m_plot->plottableCount(); ++i)
        static_cast<QCPBars*>(m_plot->plottable(i))->data()->clear();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void MatrixPlayground::analyse()
{
    m_failure.clear();
    const ParsedMatrix parsed = parseMatrixText(m_editor->toPlainText());
    if (!parsed.ok()) {
        showError(parsed.error);
        return;
    }
    const int64_t rows = static_cast<int64_t>(parsed.rows.size());
    const int64_t cols = static_cast<int64_t>(parsed.rows.front().size());
    // A few hundred numbers at most: the SVD takes microseconds, so it runs here, on every keystroke.
    at::Tensor m = at::empty({rows, cols}, at::kDouble);
    auto a = m.accessor<double, 2>();
    for (int64_t i = 0; i < rows; ++i)
        for (int64_t j = 0; j < cols; ++j)
            a[i][j] = parsed.rows[static_cast<size_t>(i)][static_cast<size_t>(j)];
    core::MatrixRank result;
    try {
        result = core::matrixRank(m);
    } catch (const std::exception& e) {
        m_failure = QString::fromUtf8(e.what());
        showError(m_failure);
        return;
    }
    m_result = std::move(result);
    m_rows = rows;
    m_cols = cols;
    m_rank = static_cast<int>(m_result.rank);
    showAnalysis();
    plotSingularValues();
}

void MatrixPlayground::showAnalysis()
{
    const QLocale locale;
    m_errorLabel->clear(); // no stale message behind the hidden label (it would keep its language)
    m_errorLabel->hide();
    m_rankLabel->setText(tr("Rank %1 (a %2 × %3 matrix: at most %4)")
                             .arg(m_result.rank)
                             .arg(m_rows)
                             .arg(m_cols)
                             .arg(std::min(m_rows, m_cols)));
    m_toleranceLabel->setText(tr("Tolerance %1: singular values at or below it count as zero (rounding noise).")
                                  .arg(locale.toString(m_result.tolerance, 'g', 3)));
    QStringList basis;
    for (int64_t c : m_result.basisColumns)
        basis << QStringLiteral("c%1").arg(c + 1);
    m_basisLabel->setText(basis.isEmpty() ? tr("Basis of the column space: none (every column is zero)")
                                          : tr("Basis of the column space: %1").arg(basis.join(QStringLiteral(", "))));
    m_dependencies.clear();
    for (const auto& [column, coefficients] : m_result.dependencies)
        m_dependencies << dependencyText(column, coefficients, m_result.basisColumns);
    m_dependencyLabel->setText(m_dependencies.isEmpty() ? tr("Every column is independent of the others.")
                                                        : m_dependencies.join(QLatin1Char('\n')));
}

void MatrixPlayground::plotSingularValues()
{
    auto* above = static_cast<QCPBars*>(m_plot->plottable(0));
    auto* below = static_cast<QCPBars*>(m_plot->plottable(1));
    above->data()->clear();
    below->data()->clear();
    double largest = 0;
    for (size_t i = 0; i < m_result.singularValues.size(); ++i) {
        const double s = m_result.singularValues[i];
        largest = std::max(largest, s);
        (s > m_result.tolerance ? above : below)->addData(static_cast<double>(i + 1), s);
    }
    m_plot->xAxis->setRange(0.4, static_cast<double>(m_result.singularValues.size()) + 0.6);
    m_plot->yAxis->setRange(0, largest > 0 ? largest * 1.1 : 1.0);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace ui
