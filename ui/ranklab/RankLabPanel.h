#pragma once
// The rank lab tab: what rank is (the matrix playground), where a trained adapter learned and how low-rank its ΔW
// are (spectra and the layer × module heatmap), and what a smaller r would have given (the adapter truncated to rank
// k and evaluated, beside the parameters r costs). Loading, SVDs and evaluation run on a BackgroundRunner thread; the
// panel only shows numbers.
#include "core/lora/LoraConfig.h"
#include "core/lora/LoraInjector.h"
#include "ui/common/ErrorText.h"

#include <QWidget>

#include <functional>
#include <vector>

class QFormLayout;
class QLabel;
class QProgressBar;
class QPushButton;
class QTabWidget;

namespace ui {

class AdapterSpectraView;
class BackgroundRunner;
class MatrixPlayground;
class ParamsVsRankPlot;
class PathField;
class TruncationPlot;
class TruncationSettings;

class RankLabPanel : public QWidget {
    Q_OBJECT
public:
    explicit RankLabPanel(QWidget* parent = nullptr);
    ~RankLabPanel() override;

    // A Hugging Face model directory; its structure (config.json, no weights read) is loaded in the background for the
    // parameters-vs-r plot.
    void setModelDirectory(const QString& directory);
    void setAdapterDirectory(const QString& directory); ///< a PEFT adapter folder
    void setEvaluationData(const QString& path);        ///< Alpaca records (.jsonl/.json/.csv) or a text file
    void setLoraConfig(const core::LoraConfig& cfg);    ///< targets and r of the parameters-vs-r plot
    // The model's linear modules when the window already has them (ModelSummary::modules): no structure load.
    void setLinearModules(const std::vector<core::LinearModuleInfo>& modules);
    // The main window's loaded model: its directory and the modules it already discovered (no second load).
    void setModel(const QString& directory, const std::vector<core::LinearModuleInfo>& modules);

    void analyseAdapter(); ///< spectra + heatmap of the adapter (background)
    void runTruncation();  ///< the truncation curve on the evaluation data (background)

    bool isBusy() const { return m_busy; }
    QString errorMessage() const;
    QString modelDirectory() const;
    QString adapterDirectory() const;
    QString evaluationData() const;

    MatrixPlayground* playground() const { return m_playground; }
    AdapterSpectraView* spectraView() const { return m_spectra; }
    TruncationPlot* truncationPlot() const { return m_truncation; }
    ParamsVsRankPlot* paramsPlot() const { return m_params; }
    QPushButton* analyseButton() const { return m_analyse; }
    QPushButton* truncateButton() const { return m_truncate; }
    TruncationSettings* truncationSettings() const { return m_settings; }
    QProgressBar* progressBar() const { return m_progress; }
    QTabWidget* tabs() const { return m_tabs; }

Q_SIGNALS:
    void analysisFinished(bool ok);
    void truncationFinished(bool ok);
    void modelStructureReady(bool ok);

protected:
    void changeEvent(QEvent* event) override;

private:
    // A state text kept as a function of the language, so that retranslateUi() phrases it again from the numbers it
    // captured (nothing is loaded or measured again).
    using Phrase = std::function<QString()>;

    void retranslateUi(); ///< the static texts, then the status, the error and the parameter plot's message
    void setBusy(bool busy);
    void showError(const ErrorText& error); ///< core's message, shown as core wrote it
    void showProblem(Phrase message, const QString& detail = {});
    void clearError();
    void showStatus(Phrase status); ///< nullptr: no status
    void showParamsMessage(Phrase message);
    void loadModelStructure();
    void updateParamsPlot();

    BackgroundRunner* m_runner;
    QTabWidget* m_tabs;
    MatrixPlayground* m_playground;
    AdapterSpectraView* m_spectra;
    TruncationPlot* m_truncation;
    ParamsVsRankPlot* m_params;
    PathField* m_model;
    PathField* m_adapter;
    PathField* m_data;
    TruncationSettings* m_settings;
    QPushButton* m_analyse;
    QPushButton* m_truncate;
    QList<QWidget*> m_inputs; ///< disabled while a job runs
    QProgressBar* m_progress;
    QLabel* m_error;
    QLabel* m_status;
    QFormLayout* m_form;
    QFormLayout* m_dataForm;
    Phrase m_statusText;
    Phrase m_errorText;
    Phrase m_paramsMessage; ///< nullptr while the plot shows counts (it phrases its caption itself)
    core::LoraConfig m_cfg;
    std::vector<core::LinearModuleInfo> m_modules;
    bool m_busy = false;
    int m_structureGeneration = 0; ///< drops a structure load that a newer model choice overtook
};

} // namespace ui
