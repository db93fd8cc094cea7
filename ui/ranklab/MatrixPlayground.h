#pragma once
// The rank lab's playground: type or paste a small matrix and see, as you type, its rank, the tolerance below which a
// singular value counts as zero, the singular values as bars, a basis of the column space and how every other column
// is built from it. Ready-made examples show the classic cases (a difference column, multiples and a zero column).
#include "core/eval/RankAnalysis.h"

#include <QStringList>
#include <QWidget>

class QComboBox;
class QCustomPlot;
class QLabel;
class QPlainTextEdit;

namespace ui {

struct PlaygroundExample {
    QString title; ///< in the current language
    QString text;  ///< rows on lines
};

class MatrixPlayground : public QWidget {
    Q_OBJECT
public:
    explicit MatrixPlayground(QWidget* parent = nullptr);

    static QList<PlaygroundExample> examples(); ///< titles translated at each call
    void loadExample(int index);             ///< index into examples()
    void setMatrixText(const QString& text); ///< as if typed

    // The last analysis, for tests and for the panel.
    int rank() const { return m_rank; }      ///< -1 while the text is not a matrix
    QStringList dependencyLines() const { return m_dependencies; }
    QString basisText() const;
    QString errorText() const;
    int singularValueCount() const;
    QPlainTextEdit* editor() const { return m_editor; }
    QComboBox* exampleBox() const { return m_examples; }
    QCustomPlot* singularValuePlot() const { return m_plot; }

protected:
    void changeEvent(QEvent* event) override;

private:
    // The static texts, then the last analysis (or error) phrased again from what analyse() kept: no second SVD.
    void retranslateUi();
    void analyse();
    void showAnalysis(); ///< the labels of m_result
    void plotSingularValues();
    void showError(const QString& message);

    QComboBox* m_examples;
    QPlainTextEdit* m_editor;
    QLabel* m_rankLabel;
    QLabel* m_toleranceLabel;
    QLabel* m_basisLabel;
    QLabel* m_dependencyLabel;
    QLabel* m_errorLabel;
    QLabel* m_caption;
    QCustomPlot* m_plot;
    int m_rank = -1;
    QStringList m_dependencies;
    core::MatrixRank m_result; ///< valid while m_rank >= 0
    int64_t m_rows = 0, m_cols = 0;
    QString m_failure; ///< core's message (English) when the analysis threw; "" for a text that is not a matrix
};

} // namespace ui
