#include "ui/model/LoraSettingsPanel.h"

#include "ui/common/FormRowLabel.h"
#include "ui/common/SettingToolTip.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>
#include <QStandardItemModel>

namespace ui {

namespace {
// What each trainable task_type learns, and from which data: the entry's tooltip.
QString taskTypeDescription(core::TaskType type)
{
    switch (type) {
    case core::TaskType::SeqCls:
        return LoraSettingsPanel::tr(
            "Text classification, as LlamaForSequenceClassification: a score layer on the last "
            "token's hidden state. Data: seq_cls records (text [, text_pair], label). Metrics: "
            "accuracy, macro-F1 and the confusion matrix.");
    case core::TaskType::TokenCls:
        return LoraSettingsPanel::tr(
            "Tagging every word (named entities, parts of speech), as LlamaForTokenClassification. "
            "Data: token_cls (tokens and tags, or CoNLL columns). Metrics: entity precision, recall "
            "and F1 as seqeval computes them.");
    case core::TaskType::QuestionAns:
        return LoraSettingsPanel::tr(
            "Extractive question answering, as LlamaForQuestionAnswering: the answer's start and "
            "end in the context. Data: squad (SQuAD v1.1 / v2.0). Metrics: exact match and F1 as "
            "the SQuAD script computes them.");
    case core::TaskType::Seq2SeqLm:
        // Shown while core refuses it (core::taskTypeNotTrainableReason): the same fact, in the user's language.
        return LoraSettingsPanel::tr(
            "Sequence-to-sequence generation, which needs an encoder-decoder model (the T5 family). LoRA Workbench "
            "loads decoder-only (LLaMA-family) models, so this task type cannot be trained yet; use CAUSAL_LM.");
    case core::TaskType::FeatureExtraction:
        return LoraSettingsPanel::tr(
            "Embeddings for search: mean or last-token pooling trained with an in-batch contrastive "
            "loss. Data: pairs (query, positive [, negative]). Metrics: recall@1, recall@10 and "
            "MRR. lorawb embed writes the vectors.");
    default:
        return LoraSettingsPanel::tr(
            "Next-token prediction with the model's language-model head: instruction tuning, chat, "
            "any text task.");
    }
}
} // namespace

LoraSettingsPanel::LoraSettingsPanel(QWidget* parent) : QWidget(parent), m_form(new QFormLayout(this))
{
    m_r = new QSpinBox(this);
    m_r->setObjectName("loraR");
    m_r->setRange(1, 1024);
    m_r->setValue(8);
    m_form->addRow(QString(), m_r); // the label: made and worded by retranslateUi() (setFormRowLabel)

    m_alpha = new QDoubleSpinBox(this);
    m_alpha->setObjectName("loraAlpha");
    m_alpha->setRange(0.01, 4096);
    m_alpha->setDecimals(2);
    m_alpha->setValue(16);
    m_form->addRow(QStringLiteral("lora_alpha"), m_alpha); // setting names stay as the experiment file spells them

    m_dropout = new QDoubleSpinBox(this);
    m_dropout->setObjectName("loraDropout");
    m_dropout->setRange(0.0, 0.95);
    m_dropout->setSingleStep(0.05);
    m_dropout->setDecimals(2);
    m_dropout->setValue(0.05);
    m_form->addRow(QStringLiteral("lora_dropout"), m_dropout);

    m_bias = new QComboBox(this);
    m_bias->setObjectName("loraBias");
    m_bias->addItem("none", QVariant::fromValue(int(core::LoraBias::None)));
    m_bias->addItem("all", QVariant::fromValue(int(core::LoraBias::All)));
    m_bias->addItem("lora_only", QVariant::fromValue(int(core::LoraBias::LoraOnly)));
    m_form->addRow(QStringLiteral("bias"), m_bias);

    m_taskType = new QComboBox(this);
    m_taskType->setObjectName("taskType");
    auto* model = new QStandardItemModel(m_taskType);
    for (const std::string& name : core::allTaskTypeNames()) {
        auto* item = new QStandardItem(QString::fromStdString(name));
        const core::TaskType type = core::parseTaskType(name);
        item->setData(int(type), Qt::UserRole);
        if (core::taskTypeNotTrainableReason(type))
            item->setFlags(item->flags() & ~Qt::ItemIsEnabled);
        model->appendRow(item);
    }
    m_taskType->setModel(model);
    m_form->addRow(QStringLiteral("task_type"), m_taskType);

    m_rslora = new QCheckBox(QStringLiteral("use_rslora"), this);
    m_rslora->setObjectName("useRslora");
    m_form->addRow(QString(), m_rslora);

    m_dora = new QCheckBox(QStringLiteral("use_dora"), this);
    m_dora->setObjectName("useDora");
    m_form->addRow(QString(), m_dora);

    m_init = new QComboBox(this);
    m_init->setObjectName("loraInit");
    // Item data: init_lora_weights as the experiment file spells it; the texts come from retranslateUi().
    for (const char* value : {"true", "gaussian", "pissa", "pissa_niter_4", "olora"})
        m_init->addItem(QString(), QString::fromLatin1(value));
    m_form->addRow(QString(), m_init);

    connect(m_r, qOverload<int>(&QSpinBox::valueChanged), this, &LoraSettingsPanel::changed);
    connect(m_alpha, qOverload<double>(&QDoubleSpinBox::valueChanged), this, &LoraSettingsPanel::changed);
    connect(m_dropout, qOverload<double>(&QDoubleSpinBox::valueChanged), this, &LoraSettingsPanel::changed);
    for (QComboBox* box : {m_bias, m_taskType, m_init})
        connect(box, qOverload<int>(&QComboBox::currentIndexChanged), this, &LoraSettingsPanel::changed);
    connect(m_rslora, &QCheckBox::toggled, this, &LoraSettingsPanel::changed);
    connect(m_dora, &QCheckBox::toggled, this, &LoraSettingsPanel::changed);
    connect(this, &LoraSettingsPanel::changed, this, &LoraSettingsPanel::updateExclusions);
    retranslateUi();
}

void LoraSettingsPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void LoraSettingsPanel::retranslateUi()
{
    m_r->setToolTip(settingToolTip(
        "lora.r",
        tr("<b>r</b> — the rank of the update ΔW = B·A: A is r × in, B is out × r, so the adapter adds "
           "r · (in + out) parameters per module, linearly in r.<br>Common: 8 or 16. Higher r can express "
           "more change but quality saturates quickly; together with the target modules, r matters "
           "most.")));
    setFormRowLabel(m_form, m_r, tr("Rank r"));
    m_alpha->setToolTip(
        settingToolTip("lora.lora_alpha",
                       tr("<b>lora_alpha</b> — ΔW is scaled by alpha / r before it is added to the frozen weight. "
                          "<br>Common: alpha = 2·r (e.g. r 8, alpha 16). Raising alpha acts like a larger learning "
                          "rate for the adapter; keeping alpha/r fixed lets you change r without retuning.")));
    m_dropout->setToolTip(
        settingToolTip("lora.lora_dropout",
                       tr("<b>lora_dropout</b> — dropout on the adapter's input only (the frozen path is "
                          "untouched).<br>Common: 0.05–0.1 for small datasets, 0 for large ones. More regularises "
                          "against overfitting but learns more slowly.")));
    m_bias->setToolTip(
        settingToolTip("lora.bias",
                       tr("<b>bias</b> — which bias vectors train besides the adapters.<br><i>none</i> (common): "
                          "nothing else changes, so disabling the adapter gives back the base model exactly.<br>"
                          "<i>all</i>: every bias in the model trains; <i>lora_only</i>: the biases of targeted "
                          "layers. With either, disabling the adapter no longer restores the base model. LLaMA's "
                          "linear layers have no bias; Qwen2's q/k/v do.")));
    m_taskType->setToolTip(
        settingToolTip("task_type",
                       tr("<b>task_type</b> — picks the head and the loss, and with them the data format (Data "
                          "tab). CAUSAL_LM trains the language-model head's next-token predictions; SEQ_CLS, "
                          "TOKEN_CLS and QUESTION_ANS add a new head that trains fully beside the adapter "
                          "(modules_to_save, as PEFT does); FEATURE_EXTRACTION trains embeddings. Hover an entry "
                          "for what it learns.")));
    retranslateTaskTypes();
    m_rslora->setToolTip(
        settingToolTip("lora.use_rslora",
                       tr("<b>use_rslora</b> — scale ΔW by alpha / √r instead of alpha / r (rank-stabilised "
                          "LoRA).<br>Off is the common choice. On keeps the update's size stable as r grows, so "
                          "high ranks actually learn more.")));
    m_dora->setToolTip(settingToolTip(
        "lora.use_dora",
        tr("<b>use_dora</b> — DoRA (weight-decomposed LoRA): each output row of W + ΔW is rescaled to a trained "
           "length m, so the adapter learns a row's direction (through B·A) and its size (through m) "
           "separately.<br>Often a little better than LoRA at the same r, for one extra number per output row; "
           "slower per step. A GGUF-LoRA file cannot hold it: export a merged model or a merged GGUF.")));
    for (int row = 0; row < m_init->count(); ++row)
        m_init->setItemText(row, initChoiceText(m_init->itemData(row).toString()));
    m_init->setToolTip(settingToolTip(
        "lora.init_lora_weights",
        tr("<b>init_lora_weights</b> — how A and B start.<br>"
           "<b>Default / Gaussian</b>: B starts at zero, so a fresh adapter changes nothing and training starts from "
           "the base model (\"gaussian\" draws A with std 1/r).<br>"
           "<b>PiSSA</b>: A and B start as W's top-r singular directions and the base keeps only the rest (W minus "
           "them), so the model is unchanged at step 0 but training moves the most important directions first; it "
           "often converges faster than the default. The fast variant finds them with a randomized SVD.<br>"
           "<b>OLoRA</b>: the same idea with W's QR decomposition (an orthonormal B).<br>"
           "Both need r ≤ the smaller side of every adapted weight, cannot be combined with DoRA, and are saved as "
           "plain LoRA of rank 2r that works on the original base model (as PEFT converts them).")));
    setFormRowLabel(m_form, m_init, tr("init"));
    updateExclusions(); // its status tip and the blocked choices' tooltips
}

void LoraSettingsPanel::retranslateTaskTypes()
{
    auto* model = qobject_cast<QStandardItemModel*>(m_taskType->model());
    for (int row = 0; model && row < model->rowCount(); ++row) {
        QStandardItem* item = model->item(row);
        const auto type = static_cast<core::TaskType>(item->data(Qt::UserRole).toInt());
        const QString name = QString::fromStdString(core::toString(type));
        if (auto reason = core::taskTypeNotTrainableReason(type)) {
            item->setToolTip(taskTypeDescription(type));
            item->setText(tr("%1 (not trainable yet)").arg(name));
        } else {
            item->setToolTip(taskTypeDescription(type));
            item->setText(name);
        }
    }
}

QString LoraSettingsPanel::initChoiceText(const QString& value)
{
    if (value == QLatin1String("true"))
        return tr("Kaiming-uniform A, zero B (default)");
    if (value == QLatin1String("gaussian"))
        return tr("Gaussian A, zero B");
    if (value == QLatin1String("pissa"))
        return tr("PiSSA: principal singular vectors of W");
    if (value == QLatin1String("olora"))
        return tr("OLoRA: QR of W");
    core::LoraInit init = core::LoraInit::Kaiming;
    int niter = 0; // pissa_niter_N
    core::parseInitLoraWeights(value.toStdString(), "lora.init_lora_weights", init, niter);
    return tr("PiSSA, fast SVD (%n iteration(s))", nullptr, niter);
}

void LoraSettingsPanel::updateExclusions()
{
    core::LoraInit init = core::LoraInit::Kaiming;
    int niter = 0;
    core::parseInitLoraWeights(m_init->currentData().toString().toStdString(), "lora.init_lora_weights", init, niter);
    const bool rewrites = core::rewritesBaseWeights(init);
    m_dora->setEnabled(!rewrites || m_dora->isChecked());
    m_dora->setStatusTip(rewrites ? tr("DoRA cannot be combined with PiSSA or OLoRA: pick the default init first.")
                                  : QString());
    auto* items = qobject_cast<QStandardItemModel*>(m_init->model());
    for (int row = 0; items && row < m_init->count(); ++row) {
        core::parseInitLoraWeights(m_init->itemData(row).toString().toStdString(), "lora.init_lora_weights", init,
                                   niter);
        QStandardItem* item = items->item(row);
        const bool blocked = m_dora->isChecked() && core::rewritesBaseWeights(init);
        item->setEnabled(!blocked || row == m_init->currentIndex());
        item->setToolTip(blocked ? tr("Not with DoRA: untick use_dora to start from PiSSA or OLoRA.") : QString());
    }
}

void LoraSettingsPanel::apply(core::LoraConfig& cfg) const
{
    cfg.r = m_r->value();
    cfg.loraAlpha = m_alpha->value();
    cfg.loraDropout = m_dropout->value();
    cfg.bias = static_cast<core::LoraBias>(m_bias->currentData().toInt());
    cfg.taskType = static_cast<core::TaskType>(m_taskType->currentData(Qt::UserRole).toInt());
    cfg.useRslora = m_rslora->isChecked();
    cfg.useDora = m_dora->isChecked();
    core::parseInitLoraWeights(m_init->currentData().toString().toStdString(), "lora.init_lora_weights",
                               cfg.initLoraWeights, cfg.initNiter);
}

void LoraSettingsPanel::load(const core::LoraConfig& cfg)
{
    const QSignalBlocker blocks[] = {QSignalBlocker(m_r),    QSignalBlocker(m_alpha),    QSignalBlocker(m_dropout),
                                     QSignalBlocker(m_bias), QSignalBlocker(m_taskType), QSignalBlocker(m_rslora),
                                     QSignalBlocker(m_init), QSignalBlocker(m_dora)};
    m_r->setValue(cfg.r);
    m_alpha->setValue(cfg.loraAlpha);
    m_dropout->setValue(cfg.loraDropout);
    m_bias->setCurrentIndex(m_bias->findData(int(cfg.bias)));
    m_taskType->setCurrentIndex(m_taskType->findData(int(cfg.taskType), Qt::UserRole));
    m_rslora->setChecked(cfg.useRslora);
    m_dora->setChecked(cfg.useDora);
    const QString init = QString::fromStdString(core::initLoraWeightsName(cfg.initLoraWeights, cfg.initNiter));
    if (m_init->findData(init) < 0) // pissa_niter_N with another N, from an experiment file
        m_init->addItem(initChoiceText(init), init);
    m_init->setCurrentIndex(m_init->findData(init));
    Q_EMIT changed();
}

} // namespace ui
