<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ui::AdapterSpectraView</name>
    <message numerus="yes">
        <source>%n LoRA module(s). On average the largest singular value holds %1 % of ΔW&apos;s energy; %2 of %n module(s) use their full rank r.</source>
        <translation>
            <numerusform>%n LoRA module. On average the largest singular value holds %1 % of ΔW&apos;s energy; %2 of %n module uses its full rank r.</numerusform>
            <numerusform>%n LoRA modules. On average the largest singular value holds %1 % of ΔW&apos;s energy; %2 of %n modules use their full rank r.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ui::ConfigDiffView</name>
    <message numerus="yes">
        <source>&lt;b&gt;%n setting(s) differ&lt;/b&gt; (everything else in the two experiment files is the same)</source>
        <translation>
            <numerusform>&lt;b&gt;%n setting differs&lt;/b&gt; (everything else in the two experiment files is the same)</numerusform>
            <numerusform>&lt;b&gt;%n settings differ&lt;/b&gt; (everything else in the two experiment files is the same)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n runs are selected; the comparison shows exactly two. Keep two selected.</source>
        <translation>
            <numerusform>%n run is selected; the comparison shows exactly two. Keep two selected.</numerusform>
            <numerusform>%n runs are selected; the comparison shows exactly two. Keep two selected.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ui::DataPanel</name>
    <message numerus="yes">
        <source>label %1 · %Ln token(s)</source>
        <translation>
            <numerusform>label %1 · %Ln token</numerusform>
            <numerusform>label %1 · %Ln tokens</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln word(s) · %1 tokens, %2 trained</source>
        <translation>
            <numerusform>%Ln word · %1 tokens, %2 trained</numerusform>
            <numerusform>%Ln words · %1 tokens, %2 trained</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>window %L1 of %L2 · %Ln token(s)</source>
        <translation>
            <numerusform>window %L1 of %L2 · %Ln token</numerusform>
            <numerusform>window %L1 of %L2 · %Ln tokens</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>query %Ln token(s), positive %L1</source>
        <translation>
            <numerusform>query %Ln token, positive %L1</numerusform>
            <numerusform>query %Ln tokens, positive %L1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>query %Ln token(s), positive %L1, negative %L2</source>
        <translation>
            <numerusform>query %Ln token, positive %L1, negative %L2</numerusform>
            <numerusform>query %Ln tokens, positive %L1, negative %L2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln token(s), %L1 trained</source>
        <translation>
            <numerusform>%Ln token, %L1 trained</numerusform>
            <numerusform>%Ln tokens, %L1 trained</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>truncated from %Ln token(s)</source>
        <translation>
            <numerusform>truncated from %Ln token</numerusform>
            <numerusform>truncated from %Ln tokens</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ui::DatasetStatsView</name>
    <message numerus="yes">
        <source>%Ln record(s) → %1 examples</source>
        <translation>
            <numerusform>%Ln record → %1 examples</numerusform>
            <numerusform>%Ln records → %1 examples</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln question(s); %1 of %2 windows hold their question&apos;s answer</source>
        <translation>
            <numerusform>%Ln question; %1 of %2 windows hold their question&apos;s answer</numerusform>
            <numerusform>%Ln questions; %1 of %2 windows hold their question&apos;s answer</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln pair(s) (lengths are the queries&apos;), %1 with a hard negative</source>
        <translation>
            <numerusform>%Ln pair (lengths are the queries&apos;), %1 with a hard negative</numerusform>
            <numerusform>%Ln pairs (lengths are the queries&apos;), %1 with a hard negative</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>tag %1: %Ln word(s)</source>
        <translation>
            <numerusform>tag %1: %Ln word</numerusform>
            <numerusform>tag %1: %Ln words</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>class %1: %Ln record(s)</source>
        <translation>
            <numerusform>class %1: %Ln record</numerusform>
            <numerusform>class %1: %Ln records</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ui::ForgettingLabPanel</name>
    <message numerus="yes">
        <source>Stopped: %1 of %n run(s) done; the rest were skipped.</source>
        <translation>
            <numerusform>Stopped: %1 of %n run done; the rest were skipped.</numerusform>
            <numerusform>Stopped: %1 of %n runs done; the rest were skipped.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Done: %n run(s) compared, each recorded in the run history.</source>
        <translation>
            <numerusform>Done: %n run compared, each recorded in the run history.</numerusform>
            <numerusform>Done: %n runs compared, each recorded in the run history.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ui::HistoryPanel</name>
    <message numerus="yes">
        <source>No run matches the filters (%n run(s) in the history).</source>
        <translation>
            <numerusform>No run matches the filters (%n run in the history).</numerusform>
            <numerusform>No run matches the filters (%n runs in the history).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n runs selected; select one for its details.</source>
        <translation>
            <numerusform>%n run selected; select one for its details.</numerusform>
            <numerusform>%n runs selected; select one for its details.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ui::LoraSettingsPanel</name>
    <message numerus="yes">
        <source>PiSSA, fast SVD (%n iteration(s))</source>
        <translation>
            <numerusform>PiSSA, fast SVD (%n iteration)</numerusform>
            <numerusform>PiSSA, fast SVD (%n iterations)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ui::RankLabPanel</name>
    <message numerus="yes">
        <source>Analysed %n LoRA module(s).</source>
        <translation>
            <numerusform>Analysed %n LoRA module.</numerusform>
            <numerusform>Analysed %n LoRA modules.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Evaluated %n rank(s).</source>
        <translation>
            <numerusform>Evaluated %n rank.</numerusform>
            <numerusform>Evaluated %n ranks.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ui::RunCurvesPlot</name>
    <message numerus="yes">
        <source> %n more selected run(s) not drawn; select fewer to compare them.</source>
        <translation>
            <numerusform> %n more selected run not drawn; select fewer to compare them.</numerusform>
            <numerusform> %n more selected runs not drawn; select fewer to compare them.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ui::SweepGridForm</name>
    <message numerus="yes">
        <source>%Ln run(s)</source>
        <translation>
            <numerusform>%Ln run</numerusform>
            <numerusform>%Ln runs</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ui::SweepPanel</name>
    <message numerus="yes">
        <source>#%1 %2 — %3, %4 of %n run(s) finished</source>
        <translation>
            <numerusform>#%1 %2 — %3, %4 of %n run finished</numerusform>
            <numerusform>#%1 %2 — %3, %4 of %n runs finished</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sweep %1: %n run(s) from %2</source>
        <translation>
            <numerusform>Sweep %1: %n run from %2</numerusform>
            <numerusform>Sweep %1: %n runs from %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sweep %1: %n run(s)…</source>
        <translation>
            <numerusform>Sweep %1: %n run…</numerusform>
            <numerusform>Sweep %1: %n runs…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sweep paused: %L1 of %n run(s) finished. Resume continues the interrupted run from its checkpoint, also after the app was closed.</source>
        <translation>
            <numerusform>Sweep paused: %L1 of %n run finished. Resume continues the interrupted run from its checkpoint, also after the app was closed.</numerusform>
            <numerusform>Sweep paused: %L1 of %n runs finished. Resume continues the interrupted run from its checkpoint, also after the app was closed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>All %n run(s) of this sweep were done earlier (the same name and values resume the same sweep). Change the name or a value to run a new one.</source>
        <translation>
            <numerusform>The %n run of this sweep was done earlier (the same name and values resume the same sweep). Change the name or a value to run a new one.</numerusform>
            <numerusform>All %n runs of this sweep were done earlier (the same name and values resume the same sweep). Change the name or a value to run a new one.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sweep done: %n run(s) finished now, %L1 earlier, %L2 failed.</source>
        <translation>
            <numerusform>Sweep done: %n run finished now, %L1 earlier, %L2 failed.</numerusform>
            <numerusform>Sweep done: %n runs finished now, %L1 earlier, %L2 failed.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ui::TaskHeadText</name>
    <message numerus="yes">
        <source>The %L1 nearest of %Ln text(s) (the validation pairs&apos; positives and negatives), by cosine similarity.</source>
        <translation>
            <numerusform>The %L1 nearest of %Ln text (the validation pairs&apos; positives and negatives), by cosine similarity.</numerusform>
            <numerusform>The %L1 nearest of %Ln texts (the validation pairs&apos; positives and negatives), by cosine similarity.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ui::TrainingPanel</name>
    <message numerus="yes">
        <source>Finished %Ln step(s). train_loss %1 (mean over the run; last step %2).</source>
        <translation>
            <numerusform>Finished %Ln step. train_loss %1 (mean over the run; last step %2).</numerusform>
            <numerusform>Finished %Ln steps. train_loss %1 (mean over the run; last step %2).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Finished %Ln step(s). train_loss %1 (mean over the run; last step %2), eval_loss %3.</source>
        <translation>
            <numerusform>Finished %Ln step. train_loss %1 (mean over the run; last step %2), eval_loss %3.</numerusform>
            <numerusform>Finished %Ln steps. train_loss %1 (mean over the run; last step %2), eval_loss %3.</numerusform>
        </translation>
    </message>
</context>
</TS>
