<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>ui::AdapterExport</name>
    <message>
        <source>%1 has no %2; train a run to the end (or stop it) before exporting.</source>
        <translation>%1에 %2이(가) 없습니다. 내보내기 전에 실행을 끝까지 학습하세요(또는 중지하세요).</translation>
    </message>
    <message>
        <source>The adapter is already in %1.</source>
        <translation>어댑터가 이미 %1에 있습니다.</translation>
    </message>
    <message>
        <source>Cannot create %1; choose a folder you can write to.</source>
        <translation>%1을(를) 만들 수 없습니다. 쓰기 권한이 있는 폴더를 선택하세요.</translation>
    </message>
    <message>
        <source>Could not write %1 (disk full or no permission?); nothing was replaced.</source>
        <translation>%1을(를) 쓸 수 없습니다(디스크가 가득 찼거나 권한이 없나요?). 아무것도 교체하지 않았습니다.</translation>
    </message>
    <message>
        <source>Could not rename %1 to %2.</source>
        <translation>%1의 이름을 %2(으)로 바꿀 수 없습니다.</translation>
    </message>
</context>
<context>
    <name>ui::AdapterSpectraView</name>
    <message>
        <source>The LoRA module whose ΔW = scaling · B·A is shown on the left.</source>
        <translation>왼쪽에 ΔW = scaling · B·A를 표시할 LoRA 모듈입니다.</translation>
    </message>
    <message>
        <source>Module</source>
        <translation>모듈</translation>
    </message>
    <message>
        <source>singular value i</source>
        <translation>특이값 i</translation>
    </message>
    <message>
        <source>σᵢ of ΔW</source>
        <translation>ΔW의 σᵢ</translation>
    </message>
    <message>
        <source>cumulative energy (%)</source>
        <translation>누적 에너지 (%)</translation>
    </message>
    <message>
        <source>σᵢ</source>
        <translation>σᵢ</translation>
    </message>
    <message>
        <source>energy in the top i</source>
        <translation>상위 i개의 에너지</translation>
    </message>
    <message>
        <source>Most of ΔW&apos;s energy sits in the top few singular values: the orange line is the share of ‖ΔW‖_F² they hold.</source>
        <translation>ΔW의 에너지는 대부분 상위 몇 개의 특이값에 몰려 있습니다. 주황색 선은 그 특이값들이 차지하는 ‖ΔW‖_F²의 비율입니다.</translation>
    </message>
    <message>
        <source>module</source>
        <translation>모듈</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>레이어</translation>
    </message>
    <message>
        <source>‖ΔW‖_F</source>
        <translation>‖ΔW‖_F</translation>
    </message>
    <message>
        <source>Where learning happened: ‖ΔW‖_F of each layer&apos;s modules (grey: no adapter there).</source>
        <translation>학습이 일어난 곳: 각 레이어 모듈의 ‖ΔW‖_F (회색: 어댑터 없음).</translation>
    </message>
    <message>
        <source>Analyse an adapter to see its spectra.</source>
        <translation>어댑터를 분석하면 스펙트럼을 볼 수 있습니다.</translation>
    </message>
    <message>
        <source>top k = </source>
        <translation>상위 k = </translation>
    </message>
    <message>
        <source>The table&apos;s last column: the share of ‖ΔW‖_F² held by the k largest singular values.</source>
        <translation>표의 마지막 열: 가장 큰 특이값 k개가 차지하는 ‖ΔW‖_F²의 비율입니다.</translation>
    </message>
    <message>
        <source>r</source>
        <translation>r</translation>
    </message>
    <message>
        <source>effective rank</source>
        <translation>유효 랭크</translation>
    </message>
    <message>
        <source>energy in top %1</source>
        <translation>상위 %1개의 에너지</translation>
    </message>
    <message numerus="yes">
        <source>%n LoRA module(s). On average the largest singular value holds %1 % of ΔW&apos;s energy; %2 of %n module(s) use their full rank r.</source>
        <translation>
            <numerusform>LoRA 모듈 %n개. 평균적으로 가장 큰 특이값이 ΔW 에너지의 %1 %를 차지합니다. 모듈 %n개 중 %2개가 전체 랭크 r을 모두 사용합니다.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ui::AdapterToggleTable</name>
    <message>
        <source>Adapter on / off for</source>
        <translation>어댑터 켬 / 끔 비교 대상</translation>
    </message>
    <message>
        <source>base</source>
        <translation>베이스</translation>
    </message>
    <message>
        <source>adapter on</source>
        <translation>어댑터 켬</translation>
    </message>
    <message>
        <source>adapter off</source>
        <translation>어댑터 끔</translation>
    </message>
    <message>
        <source>The model before training (with any base adapter merged).</source>
        <translation>학습 전 모델 (베이스 어댑터가 있으면 병합된 상태).</translation>
    </message>
    <message>
        <source>The trained model, at the latest measurement.</source>
        <translation>학습된 모델 (가장 최근 측정 시점).</translation>
    </message>
    <message>
        <source>The trained model with every LoRA adapter switched off.</source>
        <translation>모든 LoRA 어댑터를 끈 학습된 모델.</translation>
    </message>
    <message>
        <source>With bias none every base weight stays frozen, so switching the adapter off must give the base back exactly (max |Δlogit| = 0). With bias all or lora_only the trained biases live outside the adapter and stay.</source>
        <translation>bias가 none이면 베이스 가중치가 모두 고정되므로, 어댑터를 끄면 베이스가 정확히 돌아와야 합니다 (max |Δlogit| = 0). bias가 all 또는 lora_only이면 학습된 bias가 어댑터 밖에 있으므로 그대로 남습니다.</translation>
    </message>
    <message>
        <source>retain ppl</source>
        <translation>보존 텍스트 ppl</translation>
    </message>
    <message>
        <source>KL from base</source>
        <translation>베이스 대비 KL</translation>
    </message>
    <message>
        <source>max |Δlogit|</source>
        <translation>max |Δlogit|</translation>
    </message>
    <message>
        <source>%1 accuracy</source>
        <translation>%1 정확도</translation>
    </message>
    <message>
        <source>— (no adapter)</source>
        <translation>— (어댑터 없음)</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>%1 % (%2/%3)</source>
        <translation>%1 % (%2/%3)</translation>
    </message>
    <message>
        <source>Run a comparison to see whether switching the adapter off gives back the base model.</source>
        <translation>비교를 실행하면 어댑터를 껐을 때 베이스 모델로 돌아오는지 확인할 수 있습니다.</translation>
    </message>
    <message>
        <source>%1 has no adapter to switch off: every weight changed, and only a saved copy of the base gets it back.</source>
        <translation>%1에는 끌 어댑터가 없습니다. 모든 가중치가 바뀌었으므로, 베이스를 저장해 둔 사본으로만 되돌릴 수 있습니다.</translation>
    </message>
    <message>
        <source>Waiting for the first measurement with the adapter switched off…</source>
        <translation>어댑터를 끈 첫 측정을 기다리는 중…</translation>
    </message>
    <message>
        <source>%1 (bias %2)</source>
        <translation>%1 (bias %2)</translation>
    </message>
    <message>
        <source>adapter off gives back the base exactly (max |Δlogit| = 0) (retain ppl %1, base %2): bias &apos;none&apos; trains nothing outside the adapter</source>
        <translation>어댑터를 끄면 베이스가 정확히 돌아옵니다 (max |Δlogit| = 0) (보존 텍스트 ppl %1, 베이스 %2): bias &apos;none&apos;은 어댑터 밖에서 아무것도 학습하지 않습니다</translation>
    </message>
    <message>
        <source>adapter off gives back the base exactly (max |Δlogit| = 0) (retain ppl %1, base %2): bias &apos;%3&apos;, but it changed no bias of this model (a model without biases, or biases that did not move)</source>
        <translation>어댑터를 끄면 베이스가 정확히 돌아옵니다 (max |Δlogit| = 0) (보존 텍스트 ppl %1, 베이스 %2): bias가 &apos;%3&apos;이지만 이 모델의 bias는 하나도 바뀌지 않았습니다 (bias가 없는 모델이거나, bias가 변하지 않았습니다)</translation>
    </message>
    <message>
        <source>adapter off differs from the base (max |Δlogit| = %1) (retain ppl %2, base %3): bias &apos;all&apos; trained biases outside the adapter</source>
        <translation>어댑터를 꺼도 베이스와 다릅니다 (max |Δlogit| = %1) (보존 텍스트 ppl %2, 베이스 %3): bias &apos;all&apos;이 어댑터 밖의 bias를 학습했습니다</translation>
    </message>
    <message>
        <source>adapter off differs from the base (max |Δlogit| = %1) (retain ppl %2, base %3): bias &apos;lora_only&apos; trained the biases of the adapted layers, which stay when the adapter is off</source>
        <translation>어댑터를 꺼도 베이스와 다릅니다 (max |Δlogit| = %1) (보존 텍스트 ppl %2, 베이스 %3): bias &apos;lora_only&apos;가 LoRA를 적용한 레이어의 bias를 학습했고, 이 bias는 어댑터를 꺼도 남습니다</translation>
    </message>
    <message>
        <source>adapter off differs from the base (max |Δlogit| = %1) (retain ppl %2, base %3): modules_to_save replaced whole modules, which stay when the adapter is off</source>
        <translation>어댑터를 꺼도 베이스와 다릅니다 (max |Δlogit| = %1) (보존 텍스트 ppl %2, 베이스 %3): modules_to_save가 모듈 전체를 대체했고, 이 모듈은 어댑터를 꺼도 남습니다</translation>
    </message>
    <message>
        <source>adapter off differs from the base (max |Δlogit| = %1) (retain ppl %2, base %3): bias &apos;none&apos; trains nothing outside the adapter, so the difference comes from the arithmetic (e.g. an adapter merged and unmerged in bfloat16); measure in float32 to tell</source>
        <translation>어댑터를 꺼도 베이스와 다릅니다 (max |Δlogit| = %1) (보존 텍스트 ppl %2, 베이스 %3): bias &apos;none&apos;은 어댑터 밖에서 아무것도 학습하지 않으므로, 이 차이는 수치 연산 오차에서 생긴 것입니다 (예: bfloat16에서 어댑터를 병합했다가 병합 해제한 경우). 확인하려면 float32로 측정하세요</translation>
    </message>
</context>
<context>
    <name>ui::ConfigDiffView</name>
    <message>
        <source>&lt;b&gt;Settings that differ&lt;/b&gt; (everything else in the two experiment files is the same)</source>
        <translation>&lt;b&gt;다른 설정&lt;/b&gt; (두 실험 파일의 나머지 내용은 모두 같습니다)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Final evaluation&lt;/b&gt;</source>
        <translation>&lt;b&gt;최종 평가&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Select two runs in the table (Ctrl+click) to see which settings differ and what that did to their final metrics.</source>
        <translation>표에서 실행 두 개를 선택하면(Ctrl+클릭) 어떤 설정이 다른지, 그리고 그 차이가 최종 지표에 어떤 영향을 주었는지 볼 수 있습니다.</translation>
    </message>
    <message>
        <source>Cannot compare the two runs: %1</source>
        <translation>두 실행을 비교할 수 없습니다: %1</translation>
    </message>
    <message>
        <source>setting</source>
        <translation>설정</translation>
    </message>
    <message>
        <source>(not set)</source>
        <translation>(설정 안 됨)</translation>
    </message>
    <message>
        <source>(not set: default %1)</source>
        <translation>(설정 안 됨: 기본값 %1)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Settings&lt;/b&gt;: the two experiment files are the same (a rerun: any difference in the results below is noise or a changed model/data file — compare the hashes in the details)</source>
        <translation>&lt;b&gt;설정&lt;/b&gt;: 두 실험 파일이 같습니다(재실행입니다. 아래 결과의 차이는 노이즈이거나 모델/데이터 파일이 바뀐 탓입니다 — 세부 정보에서 해시를 비교하세요)</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%n setting(s) differ&lt;/b&gt; (everything else in the two experiment files is the same)</source>
        <translation>
            <numerusform>&lt;b&gt;다른 설정 %n개&lt;/b&gt; (두 실험 파일의 나머지 내용은 모두 같습니다)</numerusform>
        </translation>
    </message>
    <message>
        <source>final metric</source>
        <translation>최종 지표</translation>
    </message>
    <message>
        <source>&lt;b&gt;Final evaluation&lt;/b&gt;: neither run has one (not finished).</source>
        <translation>&lt;b&gt;최종 평가&lt;/b&gt;: 두 실행 모두 최종 평가가 없습니다(완료되지 않음).</translation>
    </message>
    <message numerus="yes">
        <source>%n runs are selected; the comparison shows exactly two. Keep two selected.</source>
        <translation>
            <numerusform>실행 %n개가 선택되었습니다. 비교는 정확히 두 개일 때만 표시됩니다. 두 개만 선택하세요.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ui::ConfusionMatrixPlot</name>
    <message>
        <source>predicted class</source>
        <translation>예측 클래스</translation>
    </message>
    <message>
        <source>actual class</source>
        <translation>실제 클래스</translation>
    </message>
    <message>
        <source>Confusion matrix of the validation records at the last evaluation: row = the record&apos;s class, column = the class the head predicts. The number is how many records; the colour is their share of the row, so a dark diagonal means every class is recognised.</source>
        <translation>마지막 평가 시점의 검증 레코드에 대한 혼동 행렬입니다. 행 = 레코드의 실제 클래스, 열 = 헤드가 예측한 클래스입니다. 숫자는 레코드 수이고, 색은 그 행에서 차지하는 비율이므로 대각선이 진하면 모든 클래스를 잘 구분한다는 뜻입니다.</translation>
    </message>
    <message>
        <source>predicted class (validation, step %L1)</source>
        <translation>예측 클래스 (검증, 스텝 %L1)</translation>
    </message>
</context>
<context>
    <name>ui::DataPanel</name>
    <message>
        <source>Record</source>
        <translation>레코드</translation>
    </message>
    <message>
        <source>Choose a dataset file.</source>
        <translation>데이터셋 파일을 선택하세요.</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>읽는 중…</translation>
    </message>
    <message>
        <source>Load a model: plain text is cut into windows of max_length tokens.</source>
        <translation>모델을 불러오세요. 일반 텍스트는 max_length 토큰 크기의 윈도우로 잘립니다.</translation>
    </message>
    <message>
        <source>Load a model to tokenize the dataset and see its statistics.</source>
        <translation>모델을 불러오면 데이터셋을 토큰화하고 통계를 볼 수 있습니다.</translation>
    </message>
    <message>
        <source>The dataset could not be used; see the message above.</source>
        <translation>데이터셋을 사용할 수 없습니다. 위의 메시지를 확인하세요.</translation>
    </message>
    <message numerus="yes">
        <source>label %1 · %Ln token(s)</source>
        <translation>
            <numerusform>레이블 %1 · 토큰 %Ln개</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln word(s) · %1 tokens, %2 trained</source>
        <translation>
            <numerusform>단어 %Ln개 · 토큰 %1개, 학습 %2개</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>window %L1 of %L2 · %Ln token(s)</source>
        <translation>
            <numerusform>윈도우 %L1/%L2 · 토큰 %Ln개</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>query %Ln token(s), positive %L1</source>
        <translation>
            <numerusform>쿼리 토큰 %Ln개, 포지티브 %L1개</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>query %Ln token(s), positive %L1, negative %L2</source>
        <translation>
            <numerusform>쿼리 토큰 %Ln개, 포지티브 %L1개, 네거티브 %L2개</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln token(s), %L1 trained</source>
        <translation>
            <numerusform>토큰 %Ln개, 학습 %L1개</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>truncated from %Ln token(s)</source>
        <translation>
            <numerusform>원래 토큰 %Ln개에서 잘림</numerusform>
        </translation>
    </message>
    <message>
        <source>dropped: training leaves this record out</source>
        <translation>제외됨: 학습에 이 레코드를 쓰지 않습니다</translation>
    </message>
    <message>
        <source>%L1 of %L2 · load a model: a conversation is shown as its chat template renders it</source>
        <translation>%L1 / %L2 · 모델을 불러오세요. 대화는 채팅 템플릿이 렌더링한 형태로 표시됩니다</translation>
    </message>
    <message>
        <source>%L1 of %L2 · %3</source>
        <translation>%L1 / %L2 · %3</translation>
    </message>
    <message>
        <source>%L1 of %L2 · load a model to see its tokens</source>
        <translation>%L1 / %L2 · 모델을 불러오면 토큰을 볼 수 있습니다</translation>
    </message>
</context>
<context>
    <name>ui::DataSettingsForm</name>
    <message>
        <source>Alpaca records</source>
        <translation>Alpaca 레코드</translation>
    </message>
    <message>
        <source>Alpaca records: JSON array, JSONL or CSV with instruction / input / output</source>
        <translation>Alpaca 레코드: instruction / input / output 필드가 있는 JSON 배열, JSONL 또는 CSV</translation>
    </message>
    <message>
        <source>Chat conversations</source>
        <translation>채팅 대화</translation>
    </message>
    <message>
        <source>Chat records: JSON array or JSONL with &quot;messages&quot; (or ShareGPT &quot;conversations&quot;)</source>
        <translation>채팅 레코드: &quot;messages&quot;(또는 ShareGPT &quot;conversations&quot;)가 있는 JSON 배열 또는 JSONL</translation>
    </message>
    <message>
        <source>Plain text</source>
        <translation>일반 텍스트</translation>
    </message>
    <message>
        <source>A UTF-8 text file, cut into windows of max_length tokens</source>
        <translation>max_length 토큰 길이의 구간으로 잘라 쓰는 UTF-8 텍스트 파일</translation>
    </message>
    <message>
        <source>Classification (seq_cls)</source>
        <translation>분류 (seq_cls)</translation>
    </message>
    <message>
        <source>Classification records: JSONL, JSON array or CSV with text [, text_pair] and label</source>
        <translation>분류 레코드: text [, text_pair]와 label이 있는 JSONL, JSON 배열 또는 CSV</translation>
    </message>
    <message>
        <source>Tagged words (token_cls)</source>
        <translation>태그된 단어 (token_cls)</translation>
    </message>
    <message>
        <source>Tagged sentences: JSONL with tokens and tags lists, or CoNLL columns (word … tag)</source>
        <translation>태그된 문장: tokens와 tags 리스트가 있는 JSONL, 또는 CoNLL 열 형식 (단어 … 태그)</translation>
    </message>
    <message>
        <source>SQuAD questions (squad)</source>
        <translation>SQuAD 질문 (squad)</translation>
    </message>
    <message>
        <source>SQuAD v1.1 / v2.0 JSON (or its JSONL export): questions with answers in their contexts</source>
        <translation>SQuAD v1.1 / v2.0 JSON (또는 이를 내보낸 JSONL): 컨텍스트 안에 답이 있는 질문</translation>
    </message>
    <message>
        <source>Query / positive pairs (pairs)</source>
        <translation>쿼리 / 긍정 예시 쌍 (pairs)</translation>
    </message>
    <message>
        <source>Pairs: JSONL, JSON array or CSV with query, positive [, negative]</source>
        <translation>쌍: query, positive [, negative]가 있는 JSONL, JSON 배열 또는 CSV</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>선택…</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>데이터셋</translation>
    </message>
    <message>
        <source>Alpaca: instruction / input / output records. Chat: a &quot;messages&quot; list of {role, content} per record (system, user, assistant, tool), or ShareGPT &quot;conversations&quot; of {from, value}; several turns per record. Plain text: continuous text. The task heads read their own: seq_cls (text and label), token_cls (words and tags), squad (questions on contexts), pairs (query and positive); task_type (Model tab) decides which.</source>
        <translation>Alpaca: instruction / input / output 레코드입니다. 채팅: 레코드마다 {role, content}로 된 &quot;messages&quot; 리스트(system, user, assistant, tool) 또는 {from, value}로 된 ShareGPT &quot;conversations&quot;가 있으며, 레코드 하나에 여러 턴이 들어갈 수 있습니다. 일반 텍스트: 이어지는 텍스트입니다. 태스크 헤드는 각자 전용 형식을 읽습니다: seq_cls (text와 label), token_cls (단어와 태그), squad (컨텍스트에 대한 질문), pairs (query와 positive). 어느 형식을 쓸지는 task_type(모델 탭)이 정합니다.</translation>
    </message>
    <message>
        <source>The model&apos;s own</source>
        <translation>모델 자체 템플릿</translation>
    </message>
    <message>
        <source>Chat template</source>
        <translation>채팅 템플릿</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>형식</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>열</translation>
    </message>
    <message>
        <source>Alpaca (alpaca-lora)</source>
        <translation>Alpaca (alpaca-lora)</translation>
    </message>
    <message>
        <source>Plain: instruction, input, response</source>
        <translation>일반: instruction, input, response</translation>
    </message>
    <message>
        <source>How a record becomes text. Alpaca&apos;s template wraps it in &quot;### Instruction:&quot; / &quot;### Response:&quot; headers; the plain one just joins the fields. Generation must use the same template the adapter was trained with.</source>
        <translation>레코드를 텍스트로 만드는 방식입니다. Alpaca 템플릿은 &quot;### Instruction:&quot; / &quot;### Response:&quot; 헤더로 감싸고, 일반 템플릿은 필드를 그냥 이어 붙입니다. 생성할 때는 어댑터를 학습할 때와 같은 템플릿을 써야 합니다.</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>템플릿</translation>
    </message>
    <message>
        <source>Train on the prompt too</source>
        <translation>프롬프트도 학습</translation>
    </message>
    <message>
        <source>Off (the common choice): the loss covers the response only, so the model learns to answer, not to repeat instructions. On: every token is trained.</source>
        <translation>끔 (일반적인 선택): 손실을 응답에만 계산하므로, 모델은 지시문을 따라 쓰는 대신 답하는 법을 배웁니다. 켬: 모든 토큰을 학습합니다.</translation>
    </message>
    <message>
        <source>Validation split</source>
        <translation>검증 분할</translation>
    </message>
    <message>
        <source>None: the validation split above is held out of the dataset</source>
        <translation>없음: 위의 검증 분할 비율만큼 데이터셋에서 떼어 검증에 씁니다</translation>
    </message>
    <message>
        <source>Validation file</source>
        <translation>검증 파일</translation>
    </message>
    <message>
        <source>Choose a validation file</source>
        <translation>검증 파일 선택</translation>
    </message>
    <message>
        <source>Datasets (*.json *.jsonl *.csv *.tsv *.conll *.txt);;All files (*)</source>
        <translation>데이터셋 (*.json *.jsonl *.csv *.tsv *.conll *.txt);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Tokens per sequence, BOS and EOS included. Memory and time grow with it; records longer than this are truncated or dropped.</source>
        <translation>시퀀스당 토큰 수입니다 (BOS와 EOS 포함). 값이 클수록 메모리와 시간이 늘어납니다. 이보다 긴 레코드는 잘리거나 제외됩니다.</translation>
    </message>
    <message>
        <source>What happens to a longer record: truncate keeps its start (losing the end of the response and the EOS); drop leaves it out.</source>
        <translation>더 긴 레코드의 처리 방식: truncate는 앞부분을 남기고 (응답의 끝부분과 EOS가 사라집니다), drop은 레코드를 제외합니다.</translation>
    </message>
    <message>
        <source>Choose a dataset</source>
        <translation>데이터셋 선택</translation>
    </message>
    <message>
        <source>Datasets (*.json *.jsonl *.csv *.tsv);;All files (*)</source>
        <translation>데이터셋 (*.json *.jsonl *.csv *.tsv);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>The column (JSON key) of your file that holds the %1 field. Leave empty when it is called &quot;%1&quot;.</source>
        <translation>파일에서 %1 필드를 담고 있는 열(JSON 키)입니다. 이름이 &quot;%1&quot;이면 비워 두세요.</translation>
    </message>
    <message>
        <source>The %1 format has no field here.</source>
        <translation>%1 형식에는 이 자리에 해당하는 필드가 없습니다.</translation>
    </message>
    <message>
        <source>This format is not read by columns.</source>
        <translation>이 형식은 열 단위로 읽지 않습니다.</translation>
    </message>
    <message>
        <source>Applies to Alpaca records; other formats do not use a prompt template.</source>
        <translation>Alpaca 레코드에 적용됩니다. 다른 형식은 프롬프트 템플릿을 쓰지 않습니다.</translation>
    </message>
    <message>
        <source>How a conversation becomes text: the model&apos;s own template (its tokenizer_config.json chat_template, as transformers renders it), or a built-in one for models without one. The loss covers the assistant&apos;s turns and the end-of-turn text after each.</source>
        <translation>대화를 텍스트로 만드는 방식입니다: 모델 자체 템플릿(transformers가 렌더링하는 tokenizer_config.json의 chat_template) 또는 자체 템플릿이 없는 모델을 위한 내장 템플릿 중에서 고릅니다. 손실은 어시스턴트 턴과 각 턴 뒤에 붙는 턴 종료 텍스트에 계산됩니다.</translation>
    </message>
    <message>
        <source>Applies to chat conversations; choose Format: Chat conversations.</source>
        <translation>채팅 대화에 적용됩니다. 형식에서 채팅 대화를 선택하세요.</translation>
    </message>
    <message>
        <source>Train on every turn (not only the assistant&apos;s)</source>
        <translation>모든 턴 학습 (어시스턴트 턴만이 아니라)</translation>
    </message>
    <message>
        <source>Applies to Alpaca records and chat conversations: plain text trains every token, and a task head trains on its labels.</source>
        <translation>Alpaca 레코드와 채팅 대화에 적용됩니다. 일반 텍스트는 모든 토큰을 학습하고, 태스크 헤드는 자신의 레이블로 학습합니다.</translation>
    </message>
    <message>
        <source>Not used: the validation file below is the validation set.</source>
        <translation>사용 안 함: 아래의 검증 파일이 검증 세트입니다.</translation>
    </message>
    <message>
        <source>Share of records held out to measure validation loss. If validation loss rises while training loss falls, the adapter is overfitting.</source>
        <translation>검증 손실을 측정하려고 떼어 두는 레코드 비율입니다. 학습 손실은 내려가는데 검증 손실이 오르면 어댑터가 과적합되고 있는 것입니다.</translation>
    </message>
    <message>
        <source>task_type %1 trains on %2.</source>
        <translation>task_type %1의 학습 데이터: %2.</translation>
    </message>
    <message>
        <source>This is %1, which task_type %2 trains on; choose it on the Model tab.</source>
        <translation>이 형식은 task_type %2용 데이터(%1)입니다. 모델 탭에서 해당 task_type을 선택하세요.</translation>
    </message>
    <message>
        <source>Custom (from the experiment file)</source>
        <translation>사용자 지정 (실험 파일에서)</translation>
    </message>
    <message>
        <source>The file of training records, read as the format below.</source>
        <translation>학습 레코드 파일입니다. 아래에서 선택한 형식으로 읽습니다.</translation>
    </message>
    <message>
        <source>A separate file of validation records, read in the same format. Without one, the validation split is held out of the dataset.</source>
        <translation>검증 레코드를 담은 별도 파일로, 같은 형식으로 읽습니다. 파일이 없으면 검증 분할 비율만큼 데이터셋에서 떼어 검증에 씁니다.</translation>
    </message>
</context>
<context>
    <name>ui::DatasetStatsView</name>
    <message>
        <source>Lengths are in tokens per example (BOS and EOS included, after max_length). Only the trained share of tokens teaches the model; the rest is prompt.</source>
        <translation>길이는 예제당 토큰 수입니다(BOS와 EOS 포함, max_length 적용 후). 토큰 중 학습 대상인 부분만 모델을 가르치고, 나머지는 프롬프트입니다.</translation>
    </message>
    <message>
        <source>tokens per example</source>
        <translation>예제당 토큰 수</translation>
    </message>
    <message>
        <source>examples</source>
        <translation>예제 수</translation>
    </message>
    <message>
        <source>length min %1 · median %2 · p95 %3 · max %4 tokens</source>
        <translation>길이 최소 %1 · 중앙값 %2 · p95 %3 · 최대 %4 토큰</translation>
    </message>
    <message>
        <source>%1 tokens, %2 % trained</source>
        <translation>%1 토큰, 그중 %2 % 학습</translation>
    </message>
    <message>
        <source>%1 tokens</source>
        <translation>%1 토큰</translation>
    </message>
    <message>
        <source>truncated %1 · dropped %2 · skipped %3</source>
        <translation>잘림 %1 · 버림 %2 · 건너뜀 %3</translation>
    </message>
    <message>
        <source>problem type: %1</source>
        <translation>문제 유형: %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s) → %1 examples</source>
        <translation>
            <numerusform>레코드 %Ln개 → 예제 %1개</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln question(s); %1 of %2 windows hold their question&apos;s answer</source>
        <translation>
            <numerusform>질문 %Ln개; 윈도우 %2개 중 %1개에 해당 질문의 답이 들어 있음</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln pair(s) (lengths are the queries&apos;), %1 with a hard negative</source>
        <translation>
            <numerusform>쌍 %Ln개 (길이는 쿼리 기준), 그중 %1개는 하드 네거티브 포함</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>tag %1: %Ln word(s)</source>
        <translation>
            <numerusform>태그 %1: 단어 %Ln개</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>class %1: %Ln record(s)</source>
        <translation>
            <numerusform>클래스 %1: 레코드 %Ln개</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ui::ErrorText</name>
    <message>
        <source>libtorch: %1</source>
        <translation>libtorch: %1</translation>
    </message>
    <message>
        <source>Internal error (please report it): %1</source>
        <translation>내부 오류(제보해 주세요): %1</translation>
    </message>
    <message>
        <source>Unknown error</source>
        <translation>알 수 없는 오류</translation>
    </message>
    <message>
        <source>Message from the engine (in English):</source>
        <translation>엔진 메시지(영어 원문):</translation>
    </message>
</context>
<context>
    <name>ui::ForgettingCurves</name>
    <message>
        <source>Measurements with the adapter:</source>
        <translation>어댑터 상태별 측정값:</translation>
    </message>
    <message>
        <source>on</source>
        <translation>켬</translation>
    </message>
    <message>
        <source>off</source>
        <translation>끔</translation>
    </message>
    <message>
        <source>both</source>
        <translation>둘 다</translation>
    </message>
    <message>
        <source>The model as trained: base weights plus the adapter.</source>
        <translation>학습된 그대로의 모델: 베이스 가중치 + 어댑터.</translation>
    </message>
    <message>
        <source>The same model with every LoRA adapter switched off (dashed). Full fine-tuning has no adapter, so it has no dashed line.</source>
        <translation>같은 모델에서 모든 LoRA 어댑터를 끈 상태입니다(점선). 전체 파인튜닝에는 어댑터가 없으므로 점선도 없습니다.</translation>
    </message>
    <message>
        <source>One line per run; dashed: the same run measured with its adapter switched off. Step 0 is the model before training. With bias none the dashed lines sit exactly on the step-0 (base) values — the adapter holds everything LoRA changed; with bias all they drift, because trained biases stay when the adapter goes. Rising retain perplexity and KL, or a falling earlier task, is forgetting.</source>
        <translation>실행마다 선이 하나씩 그려집니다. 점선은 같은 실행을 어댑터를 끈 상태로 측정한 것입니다. 스텝 0은 학습 전 모델입니다. bias가 none이면 점선이 스텝 0(베이스) 값에 정확히 겹칩니다 — LoRA가 바꾼 모든 것이 어댑터에 들어 있기 때문입니다. bias가 all이면 점선이 벗어납니다. 학습된 bias는 어댑터를 꺼도 남기 때문입니다. 보존 텍스트(retain text)의 퍼플렉서티와 KL이 오르거나 이전 작업의 성능이 떨어지면 망각이 일어난 것입니다.</translation>
    </message>
    <message>
        <source>training loss</source>
        <translation>학습 손실</translation>
    </message>
    <message>
        <source>loss (nats)</source>
        <translation>손실 (nats)</translation>
    </message>
    <message>
        <source>retain-text perplexity (what the base knew)</source>
        <translation>보존 텍스트 퍼플렉서티 (베이스가 알던 것)</translation>
    </message>
    <message>
        <source>perplexity</source>
        <translation>퍼플렉서티</translation>
    </message>
    <message>
        <source>KL divergence from the base on the retain text</source>
        <translation>보존 텍스트에서 베이스와의 KL 발산</translation>
    </message>
    <message>
        <source>nats / token</source>
        <translation>nats / 토큰</translation>
    </message>
    <message>
        <source>step</source>
        <translation>스텝</translation>
    </message>
    <message>
        <source>%1 (adapter off)</source>
        <translation>%1 (어댑터 끔)</translation>
    </message>
    <message>
        <source>accuracy on %1</source>
        <translation>%1 정확도</translation>
    </message>
    <message>
        <source>exact match (%)</source>
        <translation>정확 일치 (%)</translation>
    </message>
</context>
<context>
    <name>ui::ForgettingExplanation</name>
    <message>
        <source>%1 went %2 → %3</source>
        <translation>%1 %2 → %3</translation>
    </message>
    <message>
        <source>%1 reached %2</source>
        <translation>%1 %2 도달</translation>
    </message>
    <message>
        <source>%1 ended at %2</source>
        <translation>%1 최종 %2</translation>
    </message>
    <message>
        <source>%1 stayed at %2</source>
        <translation>%1 %2 유지</translation>
    </message>
    <message>
        <source>%1 fell from %2 to %3</source>
        <translation>%1 %2 → %3 하락</translation>
    </message>
    <message>
        <source>%1 rose from %2 to %3</source>
        <translation>%1 %2 → %3 상승</translation>
    </message>
    <message>
        <source>retain perplexity did not change</source>
        <translation>보존 텍스트 퍼플렉서티 변화 없음</translation>
    </message>
    <message>
        <source>retain perplexity rose %1 %</source>
        <translation>보존 텍스트 퍼플렉서티 %1 % 상승</translation>
    </message>
    <message>
        <source>retain perplexity fell %1 %</source>
        <translation>보존 텍스트 퍼플렉서티 %1 % 하락</translation>
    </message>
    <message>
        <source>%1 trained all the weights.</source>
        <translation>%1은(는) 모든 가중치를 학습했습니다.</translation>
    </message>
    <message>
        <source>%1 trained all of them.</source>
        <translation>%1은(는) 가중치 전부를 학습했습니다.</translation>
    </message>
    <message>
        <source>%1 trained all the weights: %2.</source>
        <translation>%1은(는) 모든 가중치를 학습했습니다: %2.</translation>
    </message>
    <message>
        <source>%1 trained all of them: %2.</source>
        <translation>%1은(는) 가중치 전부를 학습했습니다: %2.</translation>
    </message>
    <message>
        <source>%1 trained %2 of the weights.</source>
        <translation>%1은(는) 가중치의 %2를 학습했습니다.</translation>
    </message>
    <message>
        <source>%1 trained %2 of the weights: %3.</source>
        <translation>%1은(는) 가중치의 %2를 학습했습니다: %3.</translation>
    </message>
    <message>
        <source>%1: %2.</source>
        <translation>%1: %2.</translation>
    </message>
    <message>
        <source>retain perplexity %1 % against %2 %</source>
        <translation>보존 텍스트 퍼플렉서티 %1 % 대 %2 %</translation>
    </message>
    <message>
        <source>earlier tasks fell %1 points against %2</source>
        <translation>이전 작업 정확도 %1포인트 대 %2포인트 하락</translation>
    </message>
    <message>
        <source>Neither LoRA nor full fine-tuning forgot anything measurable here.</source>
        <translation>여기서는 LoRA와 전체 파인튜닝 모두 측정할 만한 망각이 없었습니다.</translation>
    </message>
    <message>
        <source>LoRA forgot less than full fine-tuning — but not nothing.</source>
        <translation>LoRA가 전체 파인튜닝보다 덜 망각했습니다 — 하지만 전혀 망각하지 않은 것은 아닙니다.</translation>
    </message>
    <message>
        <source>LoRA forgot less than full fine-tuning — here, practically nothing.</source>
        <translation>LoRA가 전체 파인튜닝보다 덜 망각했습니다 — 여기서는 사실상 전혀 망각하지 않았습니다.</translation>
    </message>
    <message>
        <source>Here LoRA forgot more than full fine-tuning: %1. LoRA usually forgets less, not always — look at the curves for where it happened.</source>
        <translation>여기서는 LoRA가 전체 파인튜닝보다 더 많이 망각했습니다: %1. LoRA는 보통 덜 망각하지만 항상 그렇지는 않습니다 — 곡선에서 어디서 망각이 일어났는지 확인하세요.</translation>
    </message>
    <message>
        <source>Not every LoRA run forgot less: %1 forgot more than full fine-tuning; the other LoRA runs forgot less.</source>
        <translation>모든 LoRA 실행이 덜 망각한 것은 아닙니다: %1은(는) 전체 파인튜닝보다 더 많이 망각했고, 나머지 LoRA 실행은 덜 망각했습니다.</translation>
    </message>
    <message>
        <source>Both learned %1 equally well (%2).</source>
        <translation>%1에서는 둘 다 똑같이 잘 학습했습니다(%2).</translation>
    </message>
    <message>
        <source>On %1, full fine-tuning reached %2 and the best LoRA run (%3) %4.</source>
        <translation>%1에서 전체 파인튜닝은 %2, 가장 좋은 LoRA 실행(%3)은 %4에 도달했습니다.</translation>
    </message>
    <message>
        <source>the task</source>
        <translation>작업</translation>
    </message>
    <message>
        <source>full fine-tuning</source>
        <translation>전체 파인튜닝</translation>
    </message>
    <message>
        <source>%1 was stopped at step %2 of %3, so its numbers are left out.</source>
        <translation>%1: %3 스텝 중 %2 스텝에서 중지되었으므로 수치에서 제외했습니다.</translation>
    </message>
    <message>
        <source>Run the comparison: the result appears here in plain words, with its numbers.</source>
        <translation>비교를 실행하세요: 결과가 수치와 함께 알기 쉬운 말로 여기에 표시됩니다.</translation>
    </message>
</context>
<context>
    <name>ui::ForgettingLabControls</name>
    <message>
        <source>The experiment whose data, model and settings every run of the comparison shares (its base_adapter is the earlier task the model already learned).</source>
        <translation>비교의 모든 실행이 공유하는 데이터, 모델, 설정을 담은 실험입니다(이 실험의 base_adapter는 모델이 이미 학습한 이전 작업입니다).</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>Experiment</source>
        <translation>실험</translation>
    </message>
    <message>
        <source>Use the current experiment</source>
        <translation>현재 실험 사용</translation>
    </message>
    <message>
        <source>Compare with the model, data and LoRA settings of the other tabs.</source>
        <translation>다른 탭의 모델, 데이터, LoRA 설정으로 비교합니다.</translation>
    </message>
    <message>
        <source>Text the base model knows (its pretraining kind of text): how much its perplexity rises is how much general knowledge the run forgot.</source>
        <translation>베이스 모델이 알고 있는 텍스트(사전 학습 데이터와 같은 종류의 텍스트)입니다. 이 텍스트의 퍼플렉서티가 오른 만큼 실행이 일반 지식을 망각한 것입니다.</translation>
    </message>
    <message>
        <source>Retain text</source>
        <translation>보존 텍스트</translation>
    </message>
    <message>
        <source>Test sets (Alpaca records) whose exact-match accuracy is measured: the task being trained and the tasks learned before it.</source>
        <translation>정확 일치(EM) 정확도를 측정할 테스트 세트(Alpaca 레코드)입니다: 지금 학습하는 작업과 그 전에 학습한 작업들.</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>추가…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>제거</translation>
    </message>
    <message>
        <source>Task test sets</source>
        <translation>작업 테스트 세트</translation>
    </message>
    <message>
        <source>LoRA (the experiment&apos;s r)</source>
        <translation>LoRA (실험의 r)</translation>
    </message>
    <message>
        <source>Full fine-tuning (every weight trains)</source>
        <translation>전체 파인튜닝 (모든 가중치 학습)</translation>
    </message>
    <message>
        <source>LoRA at ranks</source>
        <translation>LoRA 추가 랭크</translation>
    </message>
    <message>
        <source>Extra LoRA runs, comma-separated; lora_alpha is scaled to keep alpha / r.</source>
        <translation>추가 LoRA 실행의 랭크(쉼표로 구분)입니다. alpha / r이 유지되도록 lora_alpha를 스케일링합니다.</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>실행</translation>
    </message>
    <message>
        <source>(current experiment: %1)</source>
        <translation>(현재 실험: %1)</translation>
    </message>
    <message>
        <source>Experiment to compare</source>
        <translation>비교할 실험</translation>
    </message>
    <message>
        <source>Experiment files (*.yaml *.yml)</source>
        <translation>실험 파일 (*.yaml *.yml)</translation>
    </message>
    <message>
        <source>Text (*.txt);;All files (*)</source>
        <translation>텍스트 (*.txt);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Alpaca records (*.jsonl *.json *.csv)</source>
        <translation>Alpaca 레코드 (*.jsonl *.json *.csv)</translation>
    </message>
    <message>
        <source>Ranks: &apos;%1&apos; is not a rank. Type whole numbers from 1 to 4096 separated by commas, e.g. 1, 4, 16.</source>
        <translation>랭크: &apos;%1&apos;은(는) 랭크가 아닙니다. 1부터 4096까지의 정수를 쉼표로 구분해 입력하세요(예: 1, 4, 16).</translation>
    </message>
    <message>
        <source>(current experiment: unnamed)</source>
        <translation>(현재 실험: 이름 없음)</translation>
    </message>
    <message>
        <source>Forgetting lab: no experiment file chosen; choose one with &apos;…&apos; (the demo is resources/experiments/demo_forgetting.yaml) or press &apos;Use the current experiment&apos;.</source>
        <translation>망각 실험실: 실험 파일을 선택하지 않았습니다. &apos;…&apos; 버튼으로 파일을 선택하거나(데모는 resources/experiments/demo_forgetting.yaml입니다) &apos;현재 실험 사용&apos;을 누르세요.</translation>
    </message>
    <message>
        <source>Forgetting lab: choose a retain text (text the base model knows, e.g. resources/demo/retain.txt); without it nothing measures forgetting.</source>
        <translation>망각 실험실: 보존 텍스트(베이스 모델이 알고 있는 텍스트, 예: resources/demo/retain.txt)를 선택하세요. 보존 텍스트가 없으면 망각을 측정할 수 없습니다.</translation>
    </message>
    <message>
        <source>Forgetting lab: the retain text &apos;%1&apos; does not exist; choose an existing text file.</source>
        <translation>망각 실험실: 보존 텍스트 &apos;%1&apos;이(가) 존재하지 않습니다. 존재하는 텍스트 파일을 선택하세요.</translation>
    </message>
    <message>
        <source>Forgetting lab: the task test set &apos;%1&apos; does not exist; remove it from the list or add an existing Alpaca file.</source>
        <translation>망각 실험실: 작업 테스트 세트 &apos;%1&apos;이(가) 존재하지 않습니다. 목록에서 제거하거나 존재하는 Alpaca 파일을 추가하세요.</translation>
    </message>
</context>
<context>
    <name>ui::ForgettingLabPanel</name>
    <message>
        <source>Run comparison</source>
        <translation>비교 실행</translation>
    </message>
    <message>
        <source>Train the same data with each ticked method, one run after another, measuring forgetting before, during and after.</source>
        <translation>체크한 방법마다 같은 데이터로 하나씩 차례로 학습하며, 학습 전·중·후의 망각을 측정합니다.</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>중지</translation>
    </message>
    <message>
        <source>Stop the current run after its step and skip the rest; the runs done so far are kept.</source>
        <translation>현재 실행을 이번 스텝 뒤에 중지하고 나머지는 건너뜁니다. 지금까지 완료된 실행은 유지됩니다.</translation>
    </message>
    <message>
        <source>Ready.</source>
        <translation>준비되었습니다.</translation>
    </message>
    <message>
        <source>Run the demo comparison</source>
        <translation>데모 비교 실행</translation>
    </message>
    <message>
        <source>Comparison</source>
        <translation>비교</translation>
    </message>
    <message>
        <source>run %1 of %2: %3</source>
        <translation>실행 %1/%2: %3</translation>
    </message>
    <message>
        <source>%1 failed: %2 The remaining runs were skipped.</source>
        <translation>%1 실패: %2 나머지 실행은 건너뛰었습니다.</translation>
    </message>
    <message>
        <source>Ended by an error in run %1 of %2.</source>
        <translation>실행 %2개 중 %1번째에서 오류가 나서 종료되었습니다.</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>%1 — stopping after this step…</source>
        <translation>%1 — 이 스텝 후 중지하는 중…</translation>
    </message>
    <message numerus="yes">
        <source>Stopped: %1 of %n run(s) done; the rest were skipped.</source>
        <translation>
            <numerusform>중지됨: 실행 %n개 중 %1개 완료, 나머지는 건너뛰었습니다.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Done: %n run(s) compared, each recorded in the run history.</source>
        <translation>
            <numerusform>완료: 실행 %n개를 비교했으며, 각 실행은 실행 기록에 남았습니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 — starting…</source>
        <translation>%1 — 시작하는 중…</translation>
    </message>
    <message>
        <source>%1 — step %2/%3</source>
        <translation>%1 — 스텝 %2/%3</translation>
    </message>
    <message>
        <source>Forgetting lab: nothing to compare; tick LoRA, full fine-tuning or LoRA at other ranks.</source>
        <translation>망각 실험실: 비교할 대상이 없습니다. LoRA, 전체 파인튜닝, 다른 랭크의 LoRA 중 하나 이상에 체크하세요.</translation>
    </message>
</context>
<context>
    <name>ui::GainVsForgettingPlot</name>
    <message>
        <source>Forgetting measured as</source>
        <translation>망각 측정 기준</translation>
    </message>
    <message>
        <source>retain perplexity increase (%)</source>
        <translation>보존 텍스트 퍼플렉서티 증가율 (%)</translation>
    </message>
    <message>
        <source>KL from the base</source>
        <translation>베이스 대비 KL</translation>
    </message>
    <message>
        <source>earlier-task accuracy drop</source>
        <translation>이전 작업 정확도 하락</translation>
    </message>
    <message>
        <source>Add earlier comparable runs from the history</source>
        <translation>실행 기록에서 비교 가능한 이전 실행 추가</translation>
    </message>
    <message>
        <source>Finished runs in the run history that trained the same task and measured forgetting (grey points).</source>
        <translation>실행 기록의 완료된 실행 중 같은 작업을 학습하고 망각을 측정한 실행입니다(회색 점).</translation>
    </message>
    <message>
        <source>task gain (accuracy points)</source>
        <translation>작업 성능 향상 (정확도 포인트)</translation>
    </message>
    <message>
        <source>Each run is one point: up is what it learned, right is what it forgot — the best place is top left. LoRA ranks are joined in order of r.</source>
        <translation>각 실행이 점 하나입니다. 위쪽일수록 많이 학습했고, 오른쪽일수록 많이 망각했습니다 — 왼쪽 위가 가장 좋은 위치입니다. LoRA 랭크들은 r 순서대로 선으로 연결됩니다.</translation>
    </message>
    <message>
        <source>No earlier runs: run a comparison first (the trained task decides which runs compare).</source>
        <translation>이전 실행이 없습니다: 먼저 비교를 실행하세요(학습한 작업에 따라 비교할 실행이 정해집니다).</translation>
    </message>
    <message>
        <source>Could not read the run history: %1</source>
        <translation>실행 기록을 읽을 수 없습니다: %1</translation>
    </message>
    <message>
        <source>earlier runs (history)</source>
        <translation>이전 실행 (기록)</translation>
    </message>
    <message>
        <source>LoRA (joined by r)</source>
        <translation>LoRA (r 순서로 연결)</translation>
    </message>
    <message>
        <source>full fine-tuning</source>
        <translation>전체 파인튜닝</translation>
    </message>
    <message>
        <source>Not measured for this axis: %1.</source>
        <translation>이 축으로는 측정되지 않음: %1.</translation>
    </message>
    <message>
        <source>The run history has no other finished run that trained %1 with the forgetting probe.</source>
        <translation>실행 기록에 망각 프로브를 켜고 %1을(를) 학습한 다른 완료된 실행이 없습니다.</translation>
    </message>
    <message>
        <source>forgetting: retain perplexity increase (%)</source>
        <translation>망각: 보존 텍스트 퍼플렉서티 증가율 (%)</translation>
    </message>
    <message>
        <source>forgetting: KL from the base (nats / token)</source>
        <translation>망각: 베이스 대비 KL (nats / 토큰)</translation>
    </message>
    <message>
        <source>forgetting: earlier-task accuracy drop (points)</source>
        <translation>망각: 이전 작업 정확도 하락 (포인트)</translation>
    </message>
</context>
<context>
    <name>ui::HistoryPanel</name>
    <message>
        <source>Curves</source>
        <translation>곡선</translation>
    </message>
    <message>
        <source>Compare two runs</source>
        <translation>두 실행 비교</translation>
    </message>
    <message>
        <source>Metric vs parameters</source>
        <translation>지표 대 파라미터</translation>
    </message>
    <message>
        <source>Cannot read the run history: %1. Use “Open database…” to choose another file.</source>
        <translation>실행 기록을 읽을 수 없습니다: %1. “데이터베이스 열기…”로 다른 파일을 선택하세요.</translation>
    </message>
    <message>
        <source>No runs recorded yet in %1. Train in the Training tab, or from a terminal run &lt;code&gt;lorawb train EXPERIMENT.yaml&lt;/code&gt; or &lt;code&gt;lorawb sweep SWEEP.yaml&lt;/code&gt;: every run lands here, with its settings, curves and final evaluation. Then press Refresh.</source>
        <translation>%1에 기록된 실행이 아직 없습니다. 학습 탭에서 학습하거나, 터미널에서 &lt;code&gt;lorawb train EXPERIMENT.yaml&lt;/code&gt; 또는 &lt;code&gt;lorawb sweep SWEEP.yaml&lt;/code&gt;을 실행하세요. 모든 실행이 설정, 곡선, 최종 평가와 함께 여기에 기록됩니다. 그런 다음 새로 고침을 누르세요.</translation>
    </message>
    <message numerus="yes">
        <source>No run matches the filters (%n run(s) in the history).</source>
        <translation>
            <numerusform>필터와 일치하는 실행이 없습니다 (실행 기록에 %n개 있음).</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a run to see where it came from: the hashes of its model, data and template, versions, seed, device and adapter.</source>
        <translation>실행을 선택하면 그 출처를 볼 수 있습니다: 모델·데이터·템플릿의 해시, 버전, 시드, 장치, 어댑터.</translation>
    </message>
    <message>
        <source>History</source>
        <translation>기록</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>새로 고침</translation>
    </message>
    <message>
        <source>Read the database again (runs of the command line or another window appear)</source>
        <translation>데이터베이스를 다시 읽습니다 (명령줄이나 다른 창에서 한 실행이 나타납니다)</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV 내보내기…</translation>
    </message>
    <message>
        <source>Save the listed runs (filtered, in this order) as a CSV table</source>
        <translation>목록에 보이는 실행을 (필터를 적용한 채 이 순서대로) CSV 표로 저장합니다</translation>
    </message>
    <message>
        <source>Open database…</source>
        <translation>데이터베이스 열기…</translation>
    </message>
    <message>
        <source>Show another run history file (.sqlite), e.g. one copied from a GPU server</source>
        <translation>다른 실행 기록 파일(.sqlite)을 표시합니다. 예: GPU 서버에서 복사해 온 파일</translation>
    </message>
    <message>
        <source>Remove run</source>
        <translation>실행 제거</translation>
    </message>
    <message>
        <source>Remove the selected runs and their curves from the history (files stay on disk)</source>
        <translation>선택한 실행과 그 곡선을 기록에서 제거합니다 (파일은 디스크에 남습니다)</translation>
    </message>
    <message>
        <source>Open experiment</source>
        <translation>실험 열기</translation>
    </message>
    <message>
        <source>Load the selected run&apos;s settings into the window, to rerun or vary it</source>
        <translation>선택한 실행의 설정을 창으로 불러옵니다. 다시 실행하거나 값을 바꿔 볼 수 있습니다</translation>
    </message>
    <message>
        <source>Export runs as CSV</source>
        <translation>실행을 CSV로 내보내기</translation>
    </message>
    <message>
        <source>CSV tables (*.csv);;All files (*)</source>
        <translation>CSV 표 (*.csv);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>CSV 내보내기</translation>
    </message>
    <message>
        <source>Open a run history</source>
        <translation>실행 기록 열기</translation>
    </message>
    <message>
        <source>Run histories (*.sqlite *.db);;All files (*)</source>
        <translation>실행 기록 (*.sqlite *.db);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Remove runs</source>
        <translation>실행 제거</translation>
    </message>
    <message>
        <source>Remove %1 from the history, with their curves? Their output folders and adapters stay on disk.</source>
        <translation>실행 %1을(를) 곡선과 함께 기록에서 제거할까요? 출력 폴더와 어댑터는 디스크에 남습니다.</translation>
    </message>
    <message numerus="yes">
        <source>%n runs selected; select one for its details.</source>
        <translation>
            <numerusform>실행 %n개를 선택했습니다. 상세 정보를 보려면 하나만 선택하세요.</numerusform>
        </translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Run #%1  %2</source>
        <translation>실행 #%1  %2</translation>
    </message>
    <message>
        <source>status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>message</source>
        <translation>메시지</translation>
    </message>
    <message>
        <source>started</source>
        <translation>시작 시각</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>종료 시각</translation>
    </message>
    <message>
        <source>steps</source>
        <translation>스텝</translation>
    </message>
    <message>
        <source>sweep</source>
        <translation>스윕</translation>
    </message>
    <message>
        <source>#%1, item %2</source>
        <translation>#%1, 항목 %2</translation>
    </message>
    <message>
        <source>finetune</source>
        <translation>파인튜닝 방식</translation>
    </message>
    <message>
        <source>model</source>
        <translation>모델</translation>
    </message>
    <message>
        <source>targets</source>
        <translation>대상 모듈</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>학습률</translation>
    </message>
    <message>
        <source>seed</source>
        <translation>시드</translation>
    </message>
    <message>
        <source>parameters</source>
        <translation>파라미터</translation>
    </message>
    <message>
        <source>Provenance (the same hashes mean the same model, data and prompt template):</source>
        <translation>출처 정보(해시가 같으면 모델, 데이터, 프롬프트 템플릿이 같습니다):</translation>
    </message>
    <message>
        <source>model hash</source>
        <translation>모델 해시</translation>
    </message>
    <message>
        <source>data hash</source>
        <translation>데이터 해시</translation>
    </message>
    <message>
        <source>template hash</source>
        <translation>템플릿 해시</translation>
    </message>
    <message>
        <source>device</source>
        <translation>장치</translation>
    </message>
    <message>
        <source>output folder</source>
        <translation>출력 폴더</translation>
    </message>
    <message>
        <source>adapter</source>
        <translation>어댑터</translation>
    </message>
    <message>
        <source>(not written)</source>
        <translation>(저장되지 않음)</translation>
    </message>
    <message>
        <source>Final evaluation:</source>
        <translation>최종 평가:</translation>
    </message>
</context>
<context>
    <name>ui::LiveEstimates</name>
    <message>
        <source>The line PEFT&apos;s print_trainable_parameters() prints for these settings: only the adapters (and the biases the bias option frees) train; the base stays frozen.</source>
        <translation>이 설정에서 PEFT의 print_trainable_parameters()가 출력하는 줄입니다: 어댑터(와 bias 옵션으로 풀린 bias)만 학습되고 베이스는 고정됩니다.</translation>
    </message>
    <message>
        <source>The update actually added to each weight: W = W₀ + scale · B·A.</source>
        <translation>각 가중치에 실제로 더해지는 업데이트: W = W₀ + scale · B·A.</translation>
    </message>
    <message>
        <source>A rough estimate (±30 %) of the memory training needs: the frozen weights (bfloat16 on CUDA, float32 on CPU), the adapters, their gradients and AdamW&apos;s two moments (float32), and the activations kept for the backward pass of one micro-batch. Lower the batch or max_length when it does not fit.</source>
        <translation>학습에 필요한 메모리의 대략적인 예상치(±30 %)입니다: 고정된 가중치(CUDA에서는 bfloat16, CPU에서는 float32), 어댑터, 그 그래디언트와 AdamW의 두 모멘트(float32), 그리고 마이크로 배치 하나의 역전파를 위해 보관하는 활성화값을 포함합니다. 메모리가 부족하면 배치나 max_length를 줄이세요.</translation>
    </message>
    <message>
        <source>Load a model to see the trainable parameters.</source>
        <translation>학습 가능한 파라미터를 보려면 모델을 불러오세요.</translation>
    </message>
    <message>
        <source>ΔW scale = alpha / √r = %L1 / √%L2 = %3</source>
        <translation>ΔW 스케일 = alpha / √r = %L1 / √%L2 = %3</translation>
    </message>
    <message>
        <source>ΔW scale = alpha / r = %L1 / %L2 = %3</source>
        <translation>ΔW 스케일 = alpha / r = %L1 / %L2 = %3</translation>
    </message>
    <message>
        <source>Memory on %1 for batch %L2 × %L3 tokens: ≈ %4 in all — weights %5, adapters %6, gradients + optimizer state %7, activations %8</source>
        <translation>%1 메모리 (배치 %L2 × %L3 토큰): 전체 ≈ %4 — 가중치 %5, 어댑터 %6, 그래디언트 + 옵티마이저 상태 %7, 활성화값 %8</translation>
    </message>
</context>
<context>
    <name>ui::LoraSettingsPanel</name>
    <message>
        <source>Text classification, as LlamaForSequenceClassification: a score layer on the last token&apos;s hidden state. Data: seq_cls records (text [, text_pair], label). Metrics: accuracy, macro-F1 and the confusion matrix.</source>
        <translation>텍스트 분류(LlamaForSequenceClassification): 마지막 토큰의 은닉 상태 위에 score 레이어를 둡니다. 데이터: seq_cls 레코드(text [, text_pair], label). 지표: 정확도, macro-F1, 혼동 행렬.</translation>
    </message>
    <message>
        <source>Tagging every word (named entities, parts of speech), as LlamaForTokenClassification. Data: token_cls (tokens and tags, or CoNLL columns). Metrics: entity precision, recall and F1 as seqeval computes them.</source>
        <translation>모든 단어에 태그 달기(개체명, 품사), LlamaForTokenClassification 방식입니다. 데이터: token_cls(tokens와 tags, 또는 CoNLL 열). 지표: seqeval 방식으로 계산한 개체 단위 정밀도, 재현율, F1.</translation>
    </message>
    <message>
        <source>Extractive question answering, as LlamaForQuestionAnswering: the answer&apos;s start and end in the context. Data: squad (SQuAD v1.1 / v2.0). Metrics: exact match and F1 as the SQuAD script computes them.</source>
        <translation>추출형 질의응답(LlamaForQuestionAnswering): 컨텍스트 안에서 답의 시작과 끝 위치를 찾습니다. 데이터: squad(SQuAD v1.1 / v2.0). 지표: SQuAD 스크립트 방식으로 계산한 정확 일치(EM)와 F1.</translation>
    </message>
    <message>
        <source>Embeddings for search: mean or last-token pooling trained with an in-batch contrastive loss. Data: pairs (query, positive [, negative]). Metrics: recall@1, recall@10 and MRR. lorawb embed writes the vectors.</source>
        <translation>검색용 임베딩: 배치 내(in-batch) 대조 손실로 학습하는 평균 풀링 또는 마지막 토큰 풀링. 데이터: pairs(query, positive [, negative]). 지표: recall@1, recall@10, MRR. 벡터는 lorawb embed로 출력합니다.</translation>
    </message>
    <message>
        <source>Next-token prediction with the model&apos;s language-model head: instruction tuning, chat, any text task.</source>
        <translation>모델의 언어 모델 헤드로 다음 토큰을 예측합니다: 지시 튜닝(instruction tuning), 채팅 등 모든 텍스트 작업.</translation>
    </message>
    <message>
        <source>&lt;b&gt;r&lt;/b&gt; — the rank of the update ΔW = B·A: A is r × in, B is out × r, so the adapter adds r · (in + out) parameters per module, linearly in r.&lt;br&gt;Common: 8 or 16. Higher r can express more change but quality saturates quickly; together with the target modules, r matters most.</source>
        <translation>&lt;b&gt;r&lt;/b&gt; — 업데이트 ΔW = B·A의 랭크입니다. A는 r × in, B는 out × r이므로 어댑터는 모듈마다 r · (in + out)개의 파라미터를 추가하며, 이는 r에 비례합니다.&lt;br&gt;일반적인 값: 8 또는 16. r이 클수록 더 많은 변화를 표현할 수 있지만 품질은 금방 포화됩니다. 대상 모듈과 함께 r이 가장 중요한 설정입니다.</translation>
    </message>
    <message>
        <source>Rank r</source>
        <translation>랭크 r</translation>
    </message>
    <message>
        <source>&lt;b&gt;lora_alpha&lt;/b&gt; — ΔW is scaled by alpha / r before it is added to the frozen weight. &lt;br&gt;Common: alpha = 2·r (e.g. r 8, alpha 16). Raising alpha acts like a larger learning rate for the adapter; keeping alpha/r fixed lets you change r without retuning.</source>
        <translation>&lt;b&gt;lora_alpha&lt;/b&gt; — ΔW는 고정된 가중치에 더해지기 전에 alpha / r로 스케일링됩니다. &lt;br&gt;일반적인 값: alpha = 2·r (예: r 8, alpha 16). alpha를 키우면 어댑터의 학습률을 키운 것과 비슷한 효과가 납니다. alpha/r을 고정해 두면 다시 튜닝하지 않고도 r을 바꿀 수 있습니다.</translation>
    </message>
    <message>
        <source>&lt;b&gt;lora_dropout&lt;/b&gt; — dropout on the adapter&apos;s input only (the frozen path is untouched).&lt;br&gt;Common: 0.05–0.1 for small datasets, 0 for large ones. More regularises against overfitting but learns more slowly.</source>
        <translation>&lt;b&gt;lora_dropout&lt;/b&gt; — 어댑터의 입력에만 적용하는 드롭아웃입니다(고정된 경로에는 영향이 없습니다).&lt;br&gt;일반적인 값: 작은 데이터셋은 0.05–0.1, 큰 데이터셋은 0. 값이 클수록 과적합을 더 잘 막지만 학습이 느려집니다.</translation>
    </message>
    <message>
        <source>&lt;b&gt;bias&lt;/b&gt; — which bias vectors train besides the adapters.&lt;br&gt;&lt;i&gt;none&lt;/i&gt; (common): nothing else changes, so disabling the adapter gives back the base model exactly.&lt;br&gt;&lt;i&gt;all&lt;/i&gt;: every bias in the model trains; &lt;i&gt;lora_only&lt;/i&gt;: the biases of targeted layers. With either, disabling the adapter no longer restores the base model. LLaMA&apos;s linear layers have no bias; Qwen2&apos;s q/k/v do.</source>
        <translation>&lt;b&gt;bias&lt;/b&gt; — 어댑터 외에 어떤 bias 벡터를 학습할지 정합니다.&lt;br&gt;&lt;i&gt;none&lt;/i&gt;(일반적): 다른 것은 바뀌지 않으므로 어댑터를 끄면 베이스 모델이 정확히 복원됩니다.&lt;br&gt;&lt;i&gt;all&lt;/i&gt;: 모델의 모든 bias를 학습합니다. &lt;i&gt;lora_only&lt;/i&gt;: 대상 레이어의 bias만 학습합니다. 둘 중 어느 쪽이든 어댑터를 꺼도 더 이상 베이스 모델로 돌아가지 않습니다. LLaMA의 선형 레이어에는 bias가 없고, Qwen2의 q/k/v에는 있습니다.</translation>
    </message>
    <message>
        <source>&lt;b&gt;task_type&lt;/b&gt; — picks the head and the loss, and with them the data format (Data tab). CAUSAL_LM trains the language-model head&apos;s next-token predictions; SEQ_CLS, TOKEN_CLS and QUESTION_ANS add a new head that trains fully beside the adapter (modules_to_save, as PEFT does); FEATURE_EXTRACTION trains embeddings. Hover an entry for what it learns.</source>
        <translation>&lt;b&gt;task_type&lt;/b&gt; — 헤드와 손실을 고르며, 그에 따라 데이터 형식(데이터 탭)도 정해집니다. CAUSAL_LM은 언어 모델 헤드의 다음 토큰 예측을 학습합니다. SEQ_CLS, TOKEN_CLS, QUESTION_ANS는 새 헤드를 추가하고, 이 헤드는 어댑터와 함께 전체가 학습됩니다(PEFT와 같이 modules_to_save 사용). FEATURE_EXTRACTION은 임베딩을 학습합니다. 각 항목에 마우스를 올리면 무엇을 학습하는지 볼 수 있습니다.</translation>
    </message>
    <message>
        <source>&lt;b&gt;use_rslora&lt;/b&gt; — scale ΔW by alpha / √r instead of alpha / r (rank-stabilised LoRA).&lt;br&gt;Off is the common choice. On keeps the update&apos;s size stable as r grows, so high ranks actually learn more.</source>
        <translation>&lt;b&gt;use_rslora&lt;/b&gt; — ΔW를 alpha / r 대신 alpha / √r로 스케일링합니다(rank-stabilised LoRA).&lt;br&gt;보통은 끈 상태로 둡니다. 켜면 r이 커져도 업데이트의 크기가 안정적으로 유지되므로, 높은 랭크가 실제로 더 많이 학습합니다.</translation>
    </message>
    <message>
        <source>&lt;b&gt;use_dora&lt;/b&gt; — DoRA (weight-decomposed LoRA): each output row of W + ΔW is rescaled to a trained length m, so the adapter learns a row&apos;s direction (through B·A) and its size (through m) separately.&lt;br&gt;Often a little better than LoRA at the same r, for one extra number per output row; slower per step. A GGUF-LoRA file cannot hold it: export a merged model or a merged GGUF.</source>
        <translation>&lt;b&gt;use_dora&lt;/b&gt; — DoRA(weight-decomposed LoRA): W + ΔW의 각 출력 행을 학습된 길이 m으로 다시 스케일링하므로, 어댑터는 행의 방향(B·A로)과 크기(m으로)를 따로 학습합니다.&lt;br&gt;같은 r에서 LoRA보다 조금 나은 경우가 많고, 출력 행마다 숫자 하나만 더 필요합니다. 대신 스텝당 더 느립니다. GGUF-LoRA 파일에는 담을 수 없으므로 병합된 모델이나 병합된 GGUF로 내보내세요.</translation>
    </message>
    <message>
        <source>Kaiming-uniform A, zero B (default)</source>
        <translation>A는 Kaiming-uniform, B는 0 (기본값)</translation>
    </message>
    <message>
        <source>Gaussian A, zero B</source>
        <translation>A는 가우시안, B는 0</translation>
    </message>
    <message>
        <source>PiSSA: principal singular vectors of W</source>
        <translation>PiSSA: W의 주 특이 벡터</translation>
    </message>
    <message>
        <source>OLoRA: QR of W</source>
        <translation>OLoRA: W의 QR 분해</translation>
    </message>
    <message>
        <source>&lt;b&gt;init_lora_weights&lt;/b&gt; — how A and B start.&lt;br&gt;&lt;b&gt;Default / Gaussian&lt;/b&gt;: B starts at zero, so a fresh adapter changes nothing and training starts from the base model (&quot;gaussian&quot; draws A with std 1/r).&lt;br&gt;&lt;b&gt;PiSSA&lt;/b&gt;: A and B start as W&apos;s top-r singular directions and the base keeps only the rest (W minus them), so the model is unchanged at step 0 but training moves the most important directions first; it often converges faster than the default. The fast variant finds them with a randomized SVD.&lt;br&gt;&lt;b&gt;OLoRA&lt;/b&gt;: the same idea with W&apos;s QR decomposition (an orthonormal B).&lt;br&gt;Both need r ≤ the smaller side of every adapted weight, cannot be combined with DoRA, and are saved as plain LoRA of rank 2r that works on the original base model (as PEFT converts them).</source>
        <translation>&lt;b&gt;init_lora_weights&lt;/b&gt; — A와 B의 초깃값을 정합니다.&lt;br&gt;&lt;b&gt;기본값 / 가우시안&lt;/b&gt;: B가 0에서 시작하므로 새 어댑터는 아무것도 바꾸지 않고, 학습은 베이스 모델에서 출발합니다(&quot;gaussian&quot;은 A를 표준편차 1/r로 뽑습니다).&lt;br&gt;&lt;b&gt;PiSSA&lt;/b&gt;: A와 B를 W의 상위 r개 특이 방향으로 초기화하고, 베이스에는 나머지(W에서 그 성분을 뺀 것)만 남깁니다. 따라서 스텝 0에서 모델은 그대로이지만, 학습은 가장 중요한 방향부터 움직입니다. 기본값보다 빨리 수렴하는 경우가 많습니다. 빠른 변형은 randomized SVD로 이 방향들을 찾습니다.&lt;br&gt;&lt;b&gt;OLoRA&lt;/b&gt;: 같은 아이디어를 W의 QR 분해로 적용합니다(정규직교 B).&lt;br&gt;둘 다 r ≤ (적용하는 모든 가중치의 작은 쪽 차원)이어야 하고, DoRA와 함께 쓸 수 없으며, 원래 베이스 모델에서 동작하는 랭크 2r의 일반 LoRA로 저장됩니다(PEFT가 변환하는 방식과 같습니다).</translation>
    </message>
    <message>
        <source>init</source>
        <translation>초기화(init)</translation>
    </message>
    <message>
        <source>DoRA cannot be combined with PiSSA or OLoRA: pick the default init first.</source>
        <translation>DoRA는 PiSSA나 OLoRA와 함께 쓸 수 없습니다: 먼저 기본 초기화를 선택하세요.</translation>
    </message>
    <message>
        <source>Not with DoRA: untick use_dora to start from PiSSA or OLoRA.</source>
        <translation>DoRA와 함께 쓸 수 없습니다: PiSSA나 OLoRA로 시작하려면 use_dora 체크를 해제하세요.</translation>
    </message>
    <message>
        <source>%1 (not trainable yet)</source>
        <translation>%1 (아직 학습할 수 없음)</translation>
    </message>
    <message numerus="yes">
        <source>PiSSA, fast SVD (%n iteration(s))</source>
        <translation>
            <numerusform>PiSSA, 빠른 SVD (%n회 반복)</numerusform>
        </translation>
    </message>
    <message>
        <source>Sequence-to-sequence generation, which needs an encoder-decoder model (the T5 family). LoRA Workbench loads decoder-only (LLaMA-family) models, so this task type cannot be trained yet; use CAUSAL_LM.</source>
        <translation>시퀀스-투-시퀀스 생성으로, 인코더-디코더 모델(T5 계열)이 필요합니다. LoRA Workbench는 디코더 전용(LLaMA 계열) 모델만 불러오므로 이 task_type은 아직 학습할 수 없습니다. CAUSAL_LM을 사용하세요.</translation>
    </message>
</context>
<context>
    <name>ui::MainWindow</name>
    <message>
        <source>LoRA Workbench</source>
        <translation>LoRA Workbench</translation>
    </message>
    <message>
        <source>Hide this hint</source>
        <translation>이 도움말 숨기기</translation>
    </message>
    <message>
        <source>Base model</source>
        <translation>베이스 모델</translation>
    </message>
    <message>
        <source>Target modules</source>
        <translation>대상 모듈</translation>
    </message>
    <message>
        <source>LoRA settings</source>
        <translation>LoRA 설정</translation>
    </message>
    <message>
        <source>What this costs</source>
        <translation>이 설정에 드는 비용</translation>
    </message>
    <message>
        <source>Model &amp;&amp; LoRA</source>
        <translation>모델 및 LoRA</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>데이터</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>학습</translation>
    </message>
    <message>
        <source>Try it</source>
        <translation>사용해 보기</translation>
    </message>
    <message>
        <source>Loaded %1</source>
        <translation>불러왔습니다: %1</translation>
    </message>
    <message>
        <source>Adapter written to %1</source>
        <translation>어댑터를 %1에 저장했습니다</translation>
    </message>
    <message>
        <source>Model written to %1</source>
        <translation>모델을 %1에 저장했습니다</translation>
    </message>
    <message>
        <source>&lt;b&gt;Welcome!&lt;/b&gt; The bundled demo model and dataset are loaded. Tick the modules to adapt, look at the &lt;i&gt;Data&lt;/i&gt; tab to see what the model is trained on, then press &lt;b&gt;Start&lt;/b&gt; on the &lt;i&gt;Train&lt;/i&gt; tab (Ctrl+Return). Afterwards try a prompt and export the adapter (Ctrl+E).</source>
        <translation>&lt;b&gt;환영합니다!&lt;/b&gt; 함께 제공되는 데모 모델과 데이터셋을 불러왔습니다. LoRA를 적용할 모듈에 체크하고, &lt;i&gt;데이터&lt;/i&gt; 탭에서 모델이 무엇을 학습하는지 살펴본 다음, &lt;i&gt;학습&lt;/i&gt; 탭에서 &lt;b&gt;시작&lt;/b&gt;을 누르세요(Ctrl+Return). 학습이 끝나면 프롬프트를 입력해 보고 어댑터를 내보내세요(Ctrl+E).</translation>
    </message>
    <message>
        <source>&lt;b&gt;Welcome!&lt;/b&gt; Choose a Hugging Face model directory (LLaMA, Mistral or Qwen2 family) to start; the bundled demo model was not found next to this program.</source>
        <translation>&lt;b&gt;환영합니다!&lt;/b&gt; 시작하려면 Hugging Face 모델 디렉터리(LLaMA, Mistral 또는 Qwen2 계열)를 선택하세요. 이 프로그램 옆에서 함께 제공되는 데모 모델을 찾지 못했습니다.</translation>
    </message>
    <message>
        <source>Training is running</source>
        <translation>학습 진행 중</translation>
    </message>
    <message>
        <source>Stop the run and quit? A checkpoint is written first.</source>
        <translation>실행을 중지하고 종료할까요? 먼저 체크포인트를 저장합니다.</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open experiment…</source>
        <translation>실험 열기(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;demo experiment</source>
        <translation>데모 실험 열기(&amp;D)</translation>
    </message>
    <message>
        <source>No bundled experiments were found (resources/experiments).</source>
        <translation>함께 제공되는 실험을 찾지 못했습니다(resources/experiments).</translation>
    </message>
    <message>
        <source>&amp;Save experiment…</source>
        <translation>실험 저장(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Export adapter…</source>
        <translation>어댑터 내보내기(&amp;E)…</translation>
    </message>
    <message>
        <source>Write the PEFT adapter folder of the last run (adapter_config.json, adapter_model.safetensors, README.md) where you choose.</source>
        <translation>마지막 실행의 PEFT 어댑터 폴더(adapter_config.json, adapter_model.safetensors, README.md)를 원하는 위치에 저장합니다.</translation>
    </message>
    <message>
        <source>Export &amp;as</source>
        <translation>다른 형식으로 내보내기(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Merged model (Hugging Face)…</source>
        <translation>병합된 모델(Hugging Face)(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;GGUF (llama.cpp)…</source>
        <translation>GGUF(llama.cpp)(&amp;G)…</translation>
    </message>
    <message>
        <source>GGUF &amp;LoRA (llama.cpp --lora)…</source>
        <translation>GGUF LoRA(llama.cpp --lora)(&amp;L)…</translation>
    </message>
    <message>
        <source>&amp;Ollama (GGUF + Modelfile)…</source>
        <translation>Ollama(GGUF + Modelfile)(&amp;O)…</translation>
    </message>
    <message>
        <source>Available after a LoRA run: the adapter of the last run over the Model tab&apos;s base.</source>
        <translation>LoRA 실행 후에 사용할 수 있습니다: 모델 탭의 베이스 모델에 마지막 실행의 어댑터를 적용한 결과를 내보냅니다.</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>종료(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>실행(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>시작(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Pause / continue</source>
        <translation>일시 정지 / 계속(&amp;P)</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>중지(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>재개(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About LoRA Workbench</source>
        <translation>LoRA Workbench 정보(&amp;A)</translation>
    </message>
    <message>
        <source>About LoRA Workbench</source>
        <translation>LoRA Workbench 정보</translation>
    </message>
    <message>
        <source>&lt;b&gt;LoRA Workbench %1&lt;/b&gt;&lt;br&gt;LoRA fine-tuning for LLaMA-family models.&lt;br&gt;libtorch %2, CUDA %3.</source>
        <translation>&lt;b&gt;LoRA Workbench %1&lt;/b&gt;&lt;br&gt;LLaMA 계열 모델을 위한 LoRA 파인튜닝 도구입니다.&lt;br&gt;libtorch %2, CUDA %3.</translation>
    </message>
    <message>
        <source>available</source>
        <translation>사용 가능</translation>
    </message>
    <message>
        <source>not available</source>
        <translation>사용 불가</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>기본</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>열었습니다: %1</translation>
    </message>
    <message>
        <source>Cannot open the experiment</source>
        <translation>실험을 열 수 없습니다</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>저장했습니다: %1</translation>
    </message>
    <message>
        <source>Cannot save the experiment</source>
        <translation>실험을 저장할 수 없습니다</translation>
    </message>
    <message>
        <source>No adapter yet: train a run (or stop one) first.</source>
        <translation>아직 어댑터가 없습니다: 먼저 학습을 실행하세요(또는 실행 중인 학습을 중지하세요).</translation>
    </message>
    <message>
        <source>Adapter exported to %1</source>
        <translation>어댑터를 %1에 내보냈습니다</translation>
    </message>
    <message>
        <source>Cannot export the adapter</source>
        <translation>어댑터를 내보낼 수 없습니다</translation>
    </message>
    <message>
        <source>Open experiment</source>
        <translation>실험 열기</translation>
    </message>
    <message>
        <source>Experiment files (*.yaml *.yml);;All files (*)</source>
        <translation>실험 파일 (*.yaml *.yml);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Save experiment</source>
        <translation>실험 저장</translation>
    </message>
    <message>
        <source>Experiment files (*.yaml *.yml)</source>
        <translation>실험 파일 (*.yaml *.yml)</translation>
    </message>
    <message>
        <source>Export the adapter to</source>
        <translation>어댑터를 내보낼 위치</translation>
    </message>
    <message>
        <source>Replace the adapter?</source>
        <translation>어댑터를 교체할까요?</translation>
    </message>
    <message>
        <source>%1 already holds an adapter. Replace it?</source>
        <translation>%1에 이미 어댑터가 있습니다. 교체할까요?</translation>
    </message>
    <message>
        <source>Rank lab</source>
        <translation>랭크 실험실</translation>
    </message>
    <message>
        <source>Forgetting lab</source>
        <translation>망각 실험실</translation>
    </message>
    <message>
        <source>Sweeps</source>
        <translation>스윕</translation>
    </message>
    <message>
        <source>History</source>
        <translation>기록</translation>
    </message>
    <message>
        <source>Opened the run&apos;s experiment: train it again, or change it first</source>
        <translation>이 실행의 실험을 열었습니다: 그대로 다시 학습하거나 먼저 설정을 바꾸세요</translation>
    </message>
    <message>
        <source>Cannot open the run&apos;s experiment</source>
        <translation>이 실행의 실험을 열 수 없습니다</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>언어(&amp;L)</translation>
    </message>
    <message>
        <source>The window&apos;s language; it changes at once and is remembered for the next start.</source>
        <translation>창에 표시할 언어입니다. 바로 바뀌며, 다음에 시작할 때도 유지됩니다.</translation>
    </message>
</context>
<context>
    <name>ui::MatrixPlayground</name>
    <message>
        <source>Examples…</source>
        <translation>예시…</translation>
    </message>
    <message>
        <source>One row per line, numbers separated by spaces or commas:
1 2 -1
0 1 -1
2 3 -1</source>
        <translation>한 줄에 한 행씩, 숫자는 공백이나 쉼표로 구분:
1 2 -1
0 1 -1
2 3 -1</translation>
    </message>
    <message>
        <source>Type or paste a small matrix (up to %1 × %1). The analysis updates as you type.</source>
        <translation>작은 행렬(최대 %1 × %1)을 입력하거나 붙여 넣으세요. 입력하는 대로 분석이 갱신됩니다.</translation>
    </message>
    <message>
        <source>singular value i</source>
        <translation>특이값 i</translation>
    </message>
    <message>
        <source>σᵢ</source>
        <translation>σᵢ</translation>
    </message>
    <message>
        <source>above the tolerance (counts)</source>
        <translation>허용 오차 초과 (랭크에 셈)</translation>
    </message>
    <message>
        <source>zero up to rounding</source>
        <translation>반올림 오차 안에서 0</translation>
    </message>
    <message>
        <source>Rank = number of independent columns = number of singular values above the tolerance.</source>
        <translation>랭크 = 독립인 열의 개수 = 허용 오차를 넘는 특이값의 개수.</translation>
    </message>
    <message>
        <source>Rank: —</source>
        <translation>랭크: —</translation>
    </message>
    <message>
        <source>Rank %1 (a %2 × %3 matrix: at most %4)</source>
        <translation>랭크 %1 (%2 × %3 행렬: 최대 %4)</translation>
    </message>
    <message>
        <source>Tolerance %1: singular values at or below it count as zero (rounding noise).</source>
        <translation>허용 오차 %1: 이 값 이하의 특이값은 0으로 셉니다(반올림 노이즈).</translation>
    </message>
    <message>
        <source>Basis of the column space: none (every column is zero)</source>
        <translation>열 공간의 기저: 없음 (모든 열이 0)</translation>
    </message>
    <message>
        <source>Basis of the column space: %1</source>
        <translation>열 공간의 기저: %1</translation>
    </message>
    <message>
        <source>Every column is independent of the others.</source>
        <translation>모든 열이 서로 독립입니다.</translation>
    </message>
    <message>
        <source>Third column = first − second (rank 2)</source>
        <translation>세 번째 열 = 첫 번째 − 두 번째 (랭크 2)</translation>
    </message>
    <message>
        <source>Multiples of one column plus a zero column (rank 1)</source>
        <translation>한 열의 배수들과 영벡터 열 (랭크 1)</translation>
    </message>
    <message>
        <source>Identity (full rank 3)</source>
        <translation>단위 행렬 (풀 랭크 3)</translation>
    </message>
    <message>
        <source>Random-looking, full rank (rank 3)</source>
        <translation>무작위처럼 보이는 풀 랭크 행렬 (랭크 3)</translation>
    </message>
    <message>
        <source>Row 3 = row 1 + row 2: 4 columns, rank 2</source>
        <translation>3행 = 1행 + 2행: 4열, 랭크 2</translation>
    </message>
    <message>
        <source>Row %1: &apos;%2&apos; is not a number. Write numbers such as 2, -1.5 or 3e-2, separated by spaces or commas.</source>
        <translation>%1행: &apos;%2&apos;은(는) 숫자가 아닙니다. 2, -1.5, 3e-2 같은 숫자를 공백이나 쉼표로 구분해 입력하세요.</translation>
    </message>
    <message>
        <source>Row %1 has %2 numbers but row 1 has %3; every row needs the same number of columns.</source>
        <translation>%1행에는 숫자가 %2개 있지만 1행에는 %3개 있습니다. 모든 행의 열 수가 같아야 합니다.</translation>
    </message>
    <message>
        <source>Row %1: the playground takes matrices up to %2 × %2; use a smaller one.</source>
        <translation>%1행: 행렬 실습에서는 최대 %2 × %2 행렬까지 다룰 수 있습니다. 더 작은 행렬을 사용하세요.</translation>
    </message>
    <message>
        <source>Type a matrix: one row per line, numbers separated by spaces or commas, e.g. &quot;1 2&quot; then &quot;3 4&quot;.</source>
        <translation>행렬을 입력하세요: 한 줄에 한 행씩, 숫자는 공백이나 쉼표로 구분합니다. 예: &quot;1 2&quot; 다음 줄에 &quot;3 4&quot;.</translation>
    </message>
    <message>
        <source>c%1 = 0 (a zero column)</source>
        <translation>c%1 = 0 (영벡터 열)</translation>
    </message>
</context>
<context>
    <name>ui::MetricVsParamsPlot</name>
    <message>
        <source>Final metric</source>
        <translation>최종 지표</translation>
    </message>
    <message>
        <source>trainable parameters (log scale)</source>
        <translation>학습 가능한 파라미터 (로그 스케일)</translation>
    </message>
    <message>
        <source>final metric</source>
        <translation>최종 지표</translation>
    </message>
    <message>
        <source>full fine-tuning</source>
        <translation>전체 파인튜닝</translation>
    </message>
    <message>
        <source>LoRA r=%1, alpha %2, targets %3</source>
        <translation>LoRA r=%1, alpha %2, 대상 모듈 %3</translation>
    </message>
    <message>
        <source>run #%1 %2
%3
trainable parameters: %4
%5 = %6</source>
        <translation>실행 #%1 %2
%3
학습 가능한 파라미터: %4
%5 = %6</translation>
    </message>
    <message>
        <source>No runs to plot: each finished run becomes one point here.</source>
        <translation>그릴 실행이 없습니다. 완료된 실행마다 여기에 점 하나가 찍힙니다.</translation>
    </message>
    <message>
        <source>None of the listed runs has a final evaluation yet (it is written when a run finishes).</source>
        <translation>목록의 실행 중 아직 최종 평가가 있는 실행이 없습니다(최종 평가는 실행이 끝날 때 기록됩니다).</translation>
    </message>
    <message>
        <source>Final %1 of each run against what it trained. Along an r sweep the points flatten: each doubling of r doubles the parameters but gains less; full fine-tuning trains orders of magnitude more.</source>
        <translation>각 실행의 최종 %1 값을 학습한 파라미터 수에 대해 나타냅니다. r 스윕을 따라가면 점들이 점점 평평해집니다. r을 두 배로 늘릴 때마다 파라미터도 두 배가 되지만 성능 향상은 줄어듭니다. 전체 파인튜닝은 몇 자릿수나 더 많은 파라미터를 학습합니다.</translation>
    </message>
    <message>
        <source> Not shown (no trainable-parameter count): %1.</source>
        <translation> 표시되지 않음 (학습 가능한 파라미터 수 없음): %1.</translation>
    </message>
</context>
<context>
    <name>ui::ModelExportDialog</name>
    <message>
        <source>Export merged model</source>
        <translation>병합된 모델 내보내기</translation>
    </message>
    <message>
        <source>Export GGUF</source>
        <translation>GGUF 내보내기</translation>
    </message>
    <message>
        <source>Export GGUF LoRA</source>
        <translation>GGUF LoRA 내보내기</translation>
    </message>
    <message>
        <source>Export for Ollama</source>
        <translation>Ollama용 내보내기</translation>
    </message>
    <message>
        <source>The base model with the adapter folded into its weights (as PEFT&apos;s merge_and_unload), as a Hugging Face folder that transformers, vLLM and TGI load without PEFT.</source>
        <translation>어댑터를 가중치에 합친 베이스 모델(PEFT의 merge_and_unload와 같음)입니다. transformers, vLLM, TGI가 PEFT 없이 불러올 수 있는 Hugging Face 폴더로 저장합니다.</translation>
    </message>
    <message>
        <source>The merged model as one GGUF file for llama.cpp, LM Studio and Ollama.</source>
        <translation>병합된 모델을 llama.cpp, LM Studio, Ollama에서 쓸 수 있는 GGUF 파일 하나로 저장합니다.</translation>
    </message>
    <message>
        <source>The adapter alone as a GGUF LoRA file, applied over the base model&apos;s GGUF (llama.cpp --lora, Ollama&apos;s ADAPTER). Adapters that also train biases or whole modules need the merged GGUF.</source>
        <translation>어댑터만 GGUF LoRA 파일로 저장하며, 베이스 모델의 GGUF 위에 적용해 씁니다(llama.cpp --lora, Ollama의 ADAPTER). bias나 모듈 전체도 학습하는 어댑터는 병합된 GGUF가 필요합니다.</translation>
    </message>
    <message>
        <source>A folder with the merged model as model.gguf and a Modelfile; then run &lt;code&gt;ollama create NAME -f Modelfile&lt;/code&gt; in it.</source>
        <translation>병합된 모델(model.gguf)과 Modelfile이 담긴 폴더입니다. 그다음 그 폴더에서 &lt;code&gt;ollama create NAME -f Modelfile&lt;/code&gt;을 실행하세요.</translation>
    </message>
    <message>
        <source>Base: %1&lt;br&gt;Adapter: %2</source>
        <translation>베이스: %1&lt;br&gt;어댑터: %2</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>내보낼 위치</translation>
    </message>
    <message>
        <source>file.gguf</source>
        <translation>file.gguf</translation>
    </message>
    <message>
        <source>a new folder</source>
        <translation>새 폴더</translation>
    </message>
    <message>
        <source>GGUF files (*.gguf)</source>
        <translation>GGUF 파일 (*.gguf)</translation>
    </message>
    <message>
        <source>Output file</source>
        <translation>출력 파일</translation>
    </message>
    <message>
        <source>Output folder</source>
        <translation>출력 폴더</translation>
    </message>
    <message>
        <source>as the base is stored</source>
        <translation>베이스 모델의 저장 형식 그대로</translation>
    </message>
    <message>
        <source>dtype</source>
        <translation>dtype</translation>
    </message>
    <message>
        <source>What the weight matrices are stored as: q8_0 is about half of f16 and nearly lossless, q4_0 a quarter with a visible loss. Norms stay f32.</source>
        <translation>가중치 행렬의 저장 형식입니다. q8_0은 f16의 약 절반 크기로 손실이 거의 없고, q4_0은 약 4분의 1 크기로 눈에 띄는 손실이 있습니다. 정규화(norm) 가중치는 f32로 유지됩니다.</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>형식</translation>
    </message>
    <message>
        <source>Replace an earlier export there</source>
        <translation>그 위치의 이전 내보내기 결과 덮어쓰기</translation>
    </message>
    <message>
        <source>Only files an earlier export wrote are ever replaced.</source>
        <translation>이전 내보내기가 쓴 파일만 덮어씁니다.</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>내보내기</translation>
    </message>
    <message>
        <source>Choose where to write the export first.</source>
        <translation>먼저 내보낼 위치를 선택하세요.</translation>
    </message>
    <message>
        <source>Loading the model…</source>
        <translation>모델을 불러오는 중…</translation>
    </message>
    <message>
        <source>Wrote %1 (%2).</source>
        <translation>저장했습니다: %1 (%2).</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>참고: %1</translation>
    </message>
    <message>
        <source>Cancelling after the current tensor…</source>
        <translation>현재 텐서를 마친 뒤 취소합니다…</translation>
    </message>
    <message>
        <source>Cancel export</source>
        <translation>내보내기 취소</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
</context>
<context>
    <name>ui::ModelPanel</name>
    <message>
        <source>Recently used base models. A base model is a Hugging Face directory with config.json, model.safetensors and its tokenizer (tokenizer.json, or sentencepiece&apos;s tokenizer.model).</source>
        <translation>최근 사용한 베이스 모델입니다. 베이스 모델은 config.json, model.safetensors와 토크나이저(tokenizer.json 또는 sentencepiece의 tokenizer.model)가 들어 있는 Hugging Face 디렉터리입니다.</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>선택…</translation>
    </message>
    <message>
        <source>Pick a Hugging Face model directory (LLaMA, Mistral or Qwen2 family).</source>
        <translation>Hugging Face 모델 디렉터리(LLaMA, Mistral 또는 Qwen2 계열)를 선택합니다.</translation>
    </message>
    <message>
        <source>Demo model</source>
        <translation>데모 모델</translation>
    </message>
    <message>
        <source>No bundled demo model was found next to this program.</source>
        <translation>이 프로그램 옆에서 함께 제공되는 데모 모델을 찾지 못했습니다.</translation>
    </message>
    <message>
        <source>The bundled tiny model (%1): trains on a laptop CPU in seconds.</source>
        <translation>함께 제공되는 작은 모델(%1): 노트북 CPU에서 몇 초 만에 학습됩니다.</translation>
    </message>
    <message>
        <source>No model loaded yet.</source>
        <translation>아직 불러온 모델이 없습니다.</translation>
    </message>
    <message>
        <source>Choose a model directory</source>
        <translation>모델 디렉터리 선택</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>%1 불러오는 중…</translation>
    </message>
    <message>
        <source>No model loaded.</source>
        <translation>불러온 모델이 없습니다.</translation>
    </message>
    <message>
        <source>(no recent models)</source>
        <translation>(최근 모델 없음)</translation>
    </message>
</context>
<context>
    <name>ui::ModelSummary</name>
    <message>
        <source>Architecture: %1 (%2)</source>
        <translation>아키텍처: %1 (%2)</translation>
    </message>
    <message>
        <source>Layers: %L1   hidden: %L2   intermediate: %L3</source>
        <translation>레이어: %L1   은닉 크기: %L2   중간 크기: %L3</translation>
    </message>
    <message>
        <source>Heads: %L1   KV heads: %L2   head dim: %L3</source>
        <translation>헤드: %L1   KV 헤드: %L2   헤드 차원: %L3</translation>
    </message>
    <message>
        <source>Vocabulary: %L1   context: %L2</source>
        <translation>어휘: %L1   컨텍스트: %L2</translation>
    </message>
    <message>
        <source>Parameters: %1 (%2)   dtype: %3</source>
        <translation>파라미터: %1 (%2)   dtype: %3</translation>
    </message>
    <message>
        <source>Linear biases: none (bias &quot;all&quot;/&quot;lora_only&quot; train nothing extra here)</source>
        <translation>선형 레이어 bias: 없음 (bias &quot;all&quot;/&quot;lora_only&quot;로 설정해도 여기서는 추가로 학습되는 것이 없습니다)</translation>
    </message>
    <message>
        <source>Linear biases: %1 (the bias option matters for this model)</source>
        <translation>선형 레이어 bias: %1 (이 모델에서는 bias 옵션이 결과에 영향을 줍니다)</translation>
    </message>
</context>
<context>
    <name>ui::ModuleDescriptions</name>
    <message>
        <source>Query projection: what each token looks for. With v_proj, the original LoRA paper&apos;s choice.</source>
        <translation>쿼리 프로젝션: 각 토큰이 무엇을 찾는지를 나타냅니다. v_proj와 함께 원래 LoRA 논문이 선택한 대상입니다.</translation>
    </message>
    <message>
        <source>Key projection: what each token offers to be found by. Smaller than q_proj with grouped-query attention.</source>
        <translation>키 프로젝션: 각 토큰이 다른 토큰에게 찾아지기 위해 내놓는 정보입니다. 그룹 쿼리 어텐션(GQA)에서는 q_proj보다 작습니다.</translation>
    </message>
    <message>
        <source>Value projection: what a token passes on once attended to. Adapting q and v is PEFT&apos;s default for LLaMA.</source>
        <translation>밸류 프로젝션: 어텐션을 받은 토큰이 전달하는 정보입니다. q와 v에 LoRA를 적용하는 것이 LLaMA에 대한 PEFT의 기본값입니다.</translation>
    </message>
    <message>
        <source>Attention output projection: mixes the heads back into the residual stream.</source>
        <translation>어텐션 출력 프로젝션: 헤드들의 출력을 섞어 잔차 스트림(residual stream)으로 되돌립니다.</translation>
    </message>
    <message>
        <source>MLP gate (SwiGLU): decides which features pass. MLP layers hold most of the model&apos;s knowledge; adapting them usually helps new tasks most.</source>
        <translation>MLP 게이트 (SwiGLU): 어떤 특징을 통과시킬지 결정합니다. MLP 레이어에 모델 지식의 대부분이 담겨 있어, 여기에 LoRA를 적용하면 보통 새 작업에 가장 큰 도움이 됩니다.</translation>
    </message>
    <message>
        <source>MLP up projection to the intermediate size.</source>
        <translation>중간 크기로 올리는 MLP 업 프로젝션입니다.</translation>
    </message>
    <message>
        <source>Phi-3&apos;s fused query, key and value projection: one layer whose output is q, k and v side by side. LoRA adapts it as one matrix, as PEFT does (PEFT&apos;s default for Phi-3).</source>
        <translation>Phi-3의 결합된 쿼리·키·밸류 프로젝션: 출력이 q, k, v를 나란히 이어 붙인 하나의 레이어입니다. PEFT와 마찬가지로 LoRA는 이를 하나의 행렬로 적응시킵니다(Phi-3에 대한 PEFT의 기본값).</translation>
    </message>
    <message>
        <source>Phi-3&apos;s fused MLP gate and up projection: one layer whose output is the gate (first half) and the up projection (second half).</source>
        <translation>Phi-3의 결합된 MLP 게이트 및 업 프로젝션: 출력이 게이트(앞쪽 절반)와 업 프로젝션(뒤쪽 절반)으로 이루어진 하나의 레이어입니다.</translation>
    </message>
    <message>
        <source>MLP down projection back to the hidden size.</source>
        <translation>은닉 크기로 되돌리는 MLP 다운 프로젝션입니다.</translation>
    </message>
    <message>
        <source>Attention</source>
        <translation>어텐션</translation>
    </message>
    <message>
        <source>MLP</source>
        <translation>MLP</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>기타</translation>
    </message>
    <message>
        <source>A linear layer of the model.</source>
        <translation>모델의 선형 레이어입니다.</translation>
    </message>
</context>
<context>
    <name>ui::ParamsVsRankPlot</name>
    <message>
        <source>LoRA rank r</source>
        <translation>LoRA 랭크 r</translation>
    </message>
    <message>
        <source>trainable parameters</source>
        <translation>학습 가능한 파라미터</translation>
    </message>
    <message>
        <source>r · Σ (in + out) over the targeted modules</source>
        <translation>대상 모듈 전체에 대한 r · Σ (in + out)</translation>
    </message>
    <message>
        <source>current r</source>
        <translation>현재 r</translation>
    </message>
    <message>
        <source>Choose a model to see how the trainable parameters grow with r.</source>
        <translation>모델을 선택하면 r에 따라 학습 가능한 파라미터가 어떻게 늘어나는지 볼 수 있습니다.</translation>
    </message>
    <message>
        <source>Parameters grow linearly with r: each step of r adds %1 parameters (Σ in + out over the targeted modules).</source>
        <translation>파라미터는 r에 비례해 선형으로 늘어납니다. r이 1 늘 때마다 파라미터가 %1개씩 늘어납니다(대상 모듈 전체의 Σ in + out).</translation>
    </message>
    <message>
        <source>Parameters grow linearly with r: each step of r adds %1 parameters (Σ in + out over the targeted modules). At r = %2: %3.</source>
        <translation>파라미터는 r에 비례해 선형으로 늘어납니다. r이 1 늘 때마다 파라미터가 %1개씩 늘어납니다(대상 모듈 전체의 Σ in + out). r = %2일 때: %3.</translation>
    </message>
</context>
<context>
    <name>ui::PathField</name>
    <message>
        <source>Choose…</source>
        <translation>선택…</translation>
    </message>
</context>
<context>
    <name>ui::RankLabPanel</name>
    <message>
        <source>Base model directory</source>
        <translation>베이스 모델 디렉터리</translation>
    </message>
    <message>
        <source>Hugging Face model directory (config.json, *.safetensors)</source>
        <translation>Hugging Face 모델 디렉터리 (config.json, *.safetensors)</translation>
    </message>
    <message>
        <source>Adapter folder</source>
        <translation>어댑터 폴더</translation>
    </message>
    <message>
        <source>PEFT adapter folder (adapter_config.json, adapter_model.safetensors)</source>
        <translation>PEFT 어댑터 폴더 (adapter_config.json, adapter_model.safetensors)</translation>
    </message>
    <message>
        <source>Base model</source>
        <translation>베이스 모델</translation>
    </message>
    <message>
        <source>Adapter</source>
        <translation>어댑터</translation>
    </message>
    <message>
        <source>Matrix playground</source>
        <translation>행렬 실습</translation>
    </message>
    <message>
        <source>Analyse adapter</source>
        <translation>어댑터 분석</translation>
    </message>
    <message>
        <source>Singular values of every ΔW = scaling · B·A of the adapter, and ‖ΔW‖ per layer and module.</source>
        <translation>어댑터의 모든 ΔW = scaling · B·A의 특이값과, 레이어 및 모듈별 ‖ΔW‖입니다.</translation>
    </message>
    <message>
        <source>Adapter spectra</source>
        <translation>어댑터 스펙트럼</translation>
    </message>
    <message>
        <source>Evaluation data</source>
        <translation>평가 데이터</translation>
    </message>
    <message>
        <source>Alpaca records (.jsonl, .json, .csv: loss + accuracy) or a text file (loss)</source>
        <translation>Alpaca 레코드(.jsonl, .json, .csv: 손실 + 정확도) 또는 텍스트 파일(손실)</translation>
    </message>
    <message>
        <source>Datasets and text (*.jsonl *.json *.csv *.txt);;All files (*)</source>
        <translation>데이터셋 및 텍스트 (*.jsonl *.json *.csv *.txt);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Run truncation</source>
        <translation>랭크 잘라내기 실행</translation>
    </message>
    <message>
        <source>%v of %m ranks</source>
        <translation>%v / %m 랭크</translation>
    </message>
    <message>
        <source>What if r were smaller?</source>
        <translation>r이 더 작았다면?</translation>
    </message>
    <message>
        <source>Reading the model&apos;s structure…</source>
        <translation>모델 구조를 읽는 중…</translation>
    </message>
    <message>
        <source>No parameter plot: %1</source>
        <translation>파라미터 그래프 없음: %1</translation>
    </message>
    <message>
        <source>The target modules select no linear layer of this model; pick targets to see the parameters.</source>
        <translation>대상 모듈이 이 모델의 선형 레이어를 하나도 선택하지 않습니다. 파라미터를 보려면 대상을 선택하세요.</translation>
    </message>
    <message>
        <source>Choose the base model directory and the adapter folder first.</source>
        <translation>먼저 베이스 모델 디렉터리와 어댑터 폴더를 선택하세요.</translation>
    </message>
    <message>
        <source>Loading the model and the adapter, computing the SVD of every ΔW…</source>
        <translation>모델과 어댑터를 불러와 모든 ΔW의 SVD를 계산하는 중…</translation>
    </message>
    <message>
        <source>Choose the base model, the adapter and the evaluation data first.</source>
        <translation>먼저 베이스 모델, 어댑터, 평가 데이터를 선택하세요.</translation>
    </message>
    <message>
        <source>Truncating the adapter to each rank k and evaluating…</source>
        <translation>어댑터를 각 랭크 k로 잘라내고 평가하는 중…</translation>
    </message>
    <message numerus="yes">
        <source>Analysed %n LoRA module(s).</source>
        <translation>
            <numerusform>LoRA 모듈 %n개를 분석했습니다.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Evaluated %n rank(s).</source>
        <translation>
            <numerusform>랭크 %n개를 평가했습니다.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ui::RecordPreviewView</name>
    <message>
        <source>The record as the model sees it. Green tokens carry loss (the model learns to produce them); grey tokens are the prompt, masked from the loss unless &quot;train on prompt&quot; is on. &lt;s&gt; and &lt;/s&gt; are the BOS and EOS tokens.</source>
        <translation>모델이 보는 그대로의 레코드입니다. 초록색 토큰은 손실에 반영됩니다(모델이 이 토큰을 생성하도록 학습합니다). 회색 토큰은 프롬프트이며, &quot;프롬프트도 학습&quot;이 꺼져 있으면 손실에서 마스킹됩니다. &lt;s&gt;와 &lt;/s&gt;는 BOS 토큰과 EOS 토큰입니다.</translation>
    </message>
    <message>
        <source>id %1, %2</source>
        <translation>ID %1, %2</translation>
    </message>
    <message>
        <source>Label:</source>
        <translation>레이블:</translation>
    </message>
    <message>
        <source>As the model reads it (orange: the token the score head classifies):</source>
        <translation>모델이 읽는 형태 (주황색: score 헤드가 분류하는 토큰):</translation>
    </message>
    <message>
        <source>the last non-pad token: its hidden state is classified</source>
        <translation>패딩이 아닌 마지막 토큰: 이 토큰의 은닉 상태(hidden state)를 분류합니다</translation>
    </message>
    <message>
        <source>no tag (a later sub-token of its word, or special): -100</source>
        <translation>태그 없음 (단어의 두 번째 이후 서브토큰 또는 특수 토큰): -100</translation>
    </message>
    <message>
        <source>trained on tag %1</source>
        <translation>학습 태그: %1</translation>
    </message>
    <message>
        <source>Words and tags:</source>
        <translation>단어와 태그:</translation>
    </message>
    <message>
        <source>Question:</source>
        <translation>질문:</translation>
    </message>
    <message>
        <source>Answer:</source>
        <translation>답:</translation>
    </message>
    <message>
        <source>none (the context does not answer it)</source>
        <translation>없음 (문맥에 답이 없음)</translation>
    </message>
    <message>
        <source>the answer (start and end)</source>
        <translation>답 (시작과 끝)</translation>
    </message>
    <message>
        <source>the answer&apos;s start</source>
        <translation>답의 시작</translation>
    </message>
    <message>
        <source>the answer&apos;s end</source>
        <translation>답의 끝</translation>
    </message>
    <message>
        <source>Query:</source>
        <translation>쿼리:</translation>
    </message>
    <message>
        <source>Positive (its embedding should be nearest the query&apos;s):</source>
        <translation>포지티브 (이 임베딩이 쿼리 임베딩과 가장 가까워야 함):</translation>
    </message>
    <message>
        <source>Hard negative:</source>
        <translation>하드 네거티브:</translation>
    </message>
    <message>
        <source>trained</source>
        <translation>학습됨</translation>
    </message>
    <message>
        <source>masked</source>
        <translation>마스킹됨</translation>
    </message>
    <message>
        <source>Text:</source>
        <translation>텍스트:</translation>
    </message>
    <message>
        <source>Context:</source>
        <translation>문맥:</translation>
    </message>
    <message>
        <source>Positive:</source>
        <translation>포지티브:</translation>
    </message>
    <message>
        <source>Text pair:</source>
        <translation>텍스트 쌍:</translation>
    </message>
    <message>
        <source>Window %L1 of %L2 as the model reads it (green: the answer span it learns to point at):</source>
        <translation>모델이 읽는 윈도우 %L1/%L2 (초록색: 모델이 가리키도록 학습하는 답 스팬):</translation>
    </message>
</context>
<context>
    <name>ui::RunCurvesPlot</name>
    <message>
        <source>Metric</source>
        <translation>지표</translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation>로그 스케일</translation>
    </message>
    <message>
        <source>A logarithmic y axis shows relative differences: useful when losses or perplexities of the runs are far apart.</source>
        <translation>로그 y축은 상대적인 차이를 보여 줍니다: 실행들의 손실이나 퍼플렉서티가 크게 차이 날 때 유용합니다.</translation>
    </message>
    <message>
        <source>step</source>
        <translation>스텝</translation>
    </message>
    <message>
        <source>value</source>
        <translation>값</translation>
    </message>
    <message>
        <source>Select runs in the table (Ctrl+click for several) to lay their curves over each other.</source>
        <translation>표에서 실행을 선택하면(여러 개는 Ctrl+클릭) 곡선을 겹쳐 볼 수 있습니다.</translation>
    </message>
    <message>
        <source>The selected runs logged no metrics (a run that failed before its first step).</source>
        <translation>선택한 실행에 기록된 지표가 없습니다(첫 스텝 전에 실패한 실행).</translation>
    </message>
    <message>
        <source>%1 of each selected run against the step: where the curves part is where a setting made a difference.</source>
        <translation>선택한 각 실행의 스텝별 %1: 곡선이 갈라지는 지점에서 설정의 차이가 나타납니다.</translation>
    </message>
    <message>
        <source> Without %1: %2.</source>
        <translation> %1 기록 없음: %2.</translation>
    </message>
    <message numerus="yes">
        <source> %n more selected run(s) not drawn; select fewer to compare them.</source>
        <translation>
            <numerusform> 선택한 실행 중 %n개는 그리지 않았습니다. 비교하려면 선택을 줄이세요.</numerusform>
        </translation>
    </message>
    <message>
        <source> Values ≤ 0 cannot be shown on a log scale.</source>
        <translation> 0 이하의 값은 로그 스케일에 표시할 수 없습니다.</translation>
    </message>
</context>
<context>
    <name>ui::RunFilterBar</name>
    <message>
        <source>Filter by name, model or targets</source>
        <translation>이름, 모델 또는 대상으로 필터링</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>모든 상태</translation>
    </message>
    <message>
        <source>Only the runs of one sweep (a grid over r, alpha, targets… run one after another)</source>
        <translation>한 스윕의 실행만 표시(r, alpha, 대상 등의 그리드를 차례로 실행한 것)</translation>
    </message>
    <message>
        <source>All runs</source>
        <translation>모든 실행</translation>
    </message>
    <message>
        <source>Runs outside sweeps</source>
        <translation>스윕에 속하지 않은 실행</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>데이터베이스: %1</translation>
    </message>
    <message>
        <source>sweep #%1 %2 (%3)</source>
        <translation>스윕 #%1 %2 (%3)</translation>
    </message>
</context>
<context>
    <name>ui::RunTableModel</name>
    <message>
        <source>all weights</source>
        <translation>전체 가중치</translation>
    </message>
    <message>
        <source>id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>finetune</source>
        <translation>파인튜닝 방식</translation>
    </message>
    <message>
        <source>dropout</source>
        <translation>드롭아웃</translation>
    </message>
    <message>
        <source>targets</source>
        <translation>대상 모듈</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>학습률</translation>
    </message>
    <message>
        <source>trainable params</source>
        <translation>학습 가능한 파라미터</translation>
    </message>
    <message>
        <source>steps</source>
        <translation>스텝</translation>
    </message>
    <message>
        <source>started (UTC)</source>
        <translation>시작 시각 (UTC)</translation>
    </message>
    <message>
        <source>Final evaluation after training (base_… = before training, adapter_off_… = with the adapter disabled)</source>
        <translation>학습 후 최종 평가 (base_… = 학습 전, adapter_off_… = 어댑터를 끈 상태)</translation>
    </message>
    <message>
        <source>running</source>
        <translation>실행 중</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>종료 시각</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>중지됨</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>실패</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>일시 중지됨</translation>
    </message>
</context>
<context>
    <name>ui::SettingToolTip</name>
    <message>
        <source> · default &lt;code&gt;%1&lt;/code&gt;</source>
        <translation> · 기본값 &lt;code&gt;%1&lt;/code&gt;</translation>
    </message>
    <message>
        <source>%1&lt;br&gt;&lt;br&gt;&lt;small&gt;Experiment file: &lt;code&gt;%2&lt;/code&gt;%3&lt;/small&gt;</source>
        <translation>%1&lt;br&gt;&lt;br&gt;&lt;small&gt;실험 파일: &lt;code&gt;%2&lt;/code&gt;%3&lt;/small&gt;</translation>
    </message>
</context>
<context>
    <name>ui::SweepGridForm</name>
    <message>
        <source>The sweep&apos;s name in the run history. The same name and values resume the same sweep.</source>
        <translation>실행 기록에 표시되는 스윕 이름입니다. 이름과 값이 같으면 같은 스윕을 이어서 실행합니다.</translation>
    </message>
    <message>
        <source>Sweep name</source>
        <translation>스윕 이름</translation>
    </message>
    <message>
        <source>sweep.yaml goes here, and each run in a folder &lt;NN&gt;-&lt;label&gt; of its own.</source>
        <translation>sweep.yaml이 여기에 저장되고, 각 실행은 자체 &lt;NN&gt;-&lt;label&gt; 폴더에 저장됩니다.</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>찾아보기…</translation>
    </message>
    <message>
        <source>Output folder of the sweep</source>
        <translation>스윕 출력 폴더</translation>
    </message>
    <message>
        <source>Output folder</source>
        <translation>출력 폴더</translation>
    </message>
    <message>
        <source>LoRA ranks to try. Parameters grow linearly with r; quality usually saturates early.</source>
        <translation>시도할 LoRA 랭크입니다. 파라미터는 r에 비례해 늘어나지만, 품질은 보통 일찍 포화됩니다.</translation>
    </message>
    <message>
        <source>r values</source>
        <translation>r 값</translation>
    </message>
    <message>
        <source>lora_alpha values: numbers, or &apos;2r&apos; for twice each run&apos;s r. The update is scaled by alpha / r, so &apos;2r&apos; keeps that scale fixed and only the rank changes.</source>
        <translation>lora_alpha 값: 숫자를 쓰거나, 각 실행 r의 두 배로 하려면 &apos;2r&apos;을 쓰세요. 업데이트는 alpha / r로 스케일링되므로 &apos;2r&apos;을 쓰면 스케일은 고정되고 랭크만 바뀝니다.</translation>
    </message>
    <message>
        <source>lora_alpha values</source>
        <translation>lora_alpha 값</translation>
    </message>
    <message>
        <source>q_proj, v_proj (PEFT&apos;s default for LLaMA)</source>
        <translation>q_proj, v_proj (LLaMA에 대한 PEFT 기본값)</translation>
    </message>
    <message>
        <source>every linear layer of the blocks</source>
        <translation>블록의 모든 선형 레이어</translation>
    </message>
    <message>
        <source>Targets</source>
        <translation>대상</translation>
    </message>
    <message>
        <source>lora_dropout values, each at least 0 and below 1.</source>
        <translation>lora_dropout 값입니다. 각각 0 이상 1 미만이어야 합니다.</translation>
    </message>
    <message>
        <source>Dropout values</source>
        <translation>드롭아웃 값</translation>
    </message>
    <message>
        <source>Learning rates, e.g. 1e-4, 1e-3.</source>
        <translation>학습률입니다. 예: 1e-4, 1e-3.</translation>
    </message>
    <message>
        <source>Learning rates</source>
        <translation>학습률</translation>
    </message>
    <message>
        <source>train.max_steps of every run: the same budget for each, so they compare fairly.</source>
        <translation>모든 실행의 train.max_steps입니다. 모든 실행이 같은 예산으로 학습하므로 공정하게 비교할 수 있습니다.</translation>
    </message>
    <message>
        <source>Max steps (each run)</source>
        <translation>최대 스텝 (실행별)</translation>
    </message>
    <message>
        <source>Also set in every run (from the file): %1</source>
        <translation>모든 실행에 함께 설정되는 값(파일에서 읽음): %1</translation>
    </message>
    <message>
        <source>— runs</source>
        <translation>실행 —개</translation>
    </message>
    <message>
        <source>dropout values</source>
        <translation>드롭아웃 값</translation>
    </message>
    <message>
        <source>learning rates</source>
        <translation>학습률</translation>
    </message>
    <message>
        <source>16, 32 or 2r</source>
        <translation>16, 32 또는 2r</translation>
    </message>
    <message>
        <source>%1: &apos;%2&apos; is neither a number nor &apos;&lt;k&gt;r&apos; (k times the run&apos;s r); write e.g. %3</source>
        <translation>%1: &apos;%2&apos;은(는) 숫자도 아니고 &apos;&lt;k&gt;r&apos;(실행 r의 k배)도 아닙니다. 예: %3</translation>
    </message>
    <message>
        <source>%1: &apos;%2&apos; is not a number; write e.g. %3</source>
        <translation>%1: &apos;%2&apos;은(는) 숫자가 아닙니다. 예: %3</translation>
    </message>
    <message>
        <source>%1: &apos;%2&apos; is not a whole number of at least 1; write e.g. %3</source>
        <translation>%1: &apos;%2&apos;은(는) 1 이상의 정수가 아닙니다. 예: %3</translation>
    </message>
    <message>
        <source>%1: %2 is a probability: it must be at least 0 and below 1</source>
        <translation>%1: %2은(는) 확률이므로 0 이상 1 미만이어야 합니다</translation>
    </message>
    <message>
        <source>%1: %2 must be above 0</source>
        <translation>%1: %2은(는) 0보다 커야 합니다</translation>
    </message>
    <message>
        <source>%1: write at least one value, e.g. %2</source>
        <translation>%1: 값을 하나 이상 입력하세요. 예: %2</translation>
    </message>
    <message>
        <source>%1: %2 appears twice; each run needs values of its own</source>
        <translation>%1: %2이(가) 두 번 나옵니다. 실행마다 서로 다른 값이 필요합니다</translation>
    </message>
    <message>
        <source>Sweep name: give the sweep a name (the history lists it by name)</source>
        <translation>스윕 이름: 스윕에 이름을 지정하세요 (실행 기록에 이 이름으로 표시됩니다)</translation>
    </message>
    <message>
        <source>Output folder: choose where the runs go (each in a folder of its own)</source>
        <translation>출력 폴더: 실행 결과를 저장할 위치를 선택하세요 (실행마다 별도 폴더에 저장됩니다)</translation>
    </message>
    <message>
        <source>Targets: tick at least one preset (attention, mlp, qv or all)</source>
        <translation>대상: 프리셋을 하나 이상 선택하세요 (attention, mlp, qv 또는 all)</translation>
    </message>
    <message>
        <source>Targets: &apos;%1&apos; is not a preset (attention, mlp, qv, all)</source>
        <translation>대상: &apos;%1&apos;은(는) 프리셋이 아닙니다 (attention, mlp, qv, all)</translation>
    </message>
    <message>
        <source>Max steps: every run needs at least 1 step</source>
        <translation>최대 스텝: 모든 실행에는 1 스텝 이상이 필요합니다</translation>
    </message>
    <message>
        <source>it is not valid YAML (%1)</source>
        <translation>올바른 YAML이 아닙니다 (%1)</translation>
    </message>
    <message>
        <source>it is not a mapping of sweep keys</source>
        <translation>스윕 키의 매핑이 아닙니다</translation>
    </message>
    <message>
        <source>the form has no field for &apos;%1&apos;</source>
        <translation>폼에 &apos;%1&apos; 항목이 없습니다</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a single value</source>
        <translation>&apos;%1&apos;이(가) 단일 값이 아닙니다</translation>
    </message>
    <message>
        <source>the form needs name, experiment, grid and output_dir, and one is missing</source>
        <translation>폼에는 name, experiment, grid, output_dir가 모두 필요한데 그중 하나가 없습니다</translation>
    </message>
    <message>
        <source>&apos;set&apos; is not a mapping</source>
        <translation>&apos;set&apos;이 매핑이 아닙니다</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is in set; the form keeps it in the grid</source>
        <translation>&apos;%1&apos;이(가) set에 있습니다. 폼에서는 이 키를 grid에 둡니다</translation>
    </message>
    <message>
        <source>%1 is not a whole number of at least 1</source>
        <translation>%1이(가) 1 이상의 정수가 아닙니다</translation>
    </message>
    <message>
        <source>&apos;grid&apos; is not a mapping</source>
        <translation>&apos;grid&apos;가 매핑이 아닙니다</translation>
    </message>
    <message>
        <source>its grid keys (%1) are not the form&apos;s (%2)</source>
        <translation>grid 키(%1)가 폼의 키(%2)와 다릅니다</translation>
    </message>
    <message>
        <source>grid key %1 is not a list of single values</source>
        <translation>grid 키 %1이(가) 단일 값의 목록이 아닙니다</translation>
    </message>
    <message>
        <source>grid key %1 has one value; the form keeps single values in set</source>
        <translation>grid 키 %1에 값이 하나뿐입니다. 폼에서는 단일 값을 set에 둡니다</translation>
    </message>
    <message>
        <source>target &apos;%1&apos; is not one of the form&apos;s presets</source>
        <translation>대상 &apos;%1&apos;은(는) 폼의 프리셋이 아닙니다</translation>
    </message>
    <message numerus="yes">
        <source>%Ln run(s)</source>
        <translation>
            <numerusform>실행 %Ln개</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ui::SweepLossPlot</name>
    <message>
        <source>step</source>
        <translation>스텝</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>손실</translation>
    </message>
    <message>
        <source>Every run starts from the same base model with the same data, so the gap between the coloured curve and the grey ones is what this run&apos;s settings change.</source>
        <translation>모든 실행은 같은 베이스 모델에서 같은 데이터로 시작하므로, 색이 있는 곡선과 회색 곡선의 차이가 곧 이 실행의 설정이 만든 변화입니다.</translation>
    </message>
    <message>
        <source>Loss of the running run</source>
        <translation>진행 중인 실행의 손실</translation>
    </message>
    <message>
        <source>earlier runs (train)</source>
        <translation>이전 실행 (학습)</translation>
    </message>
    <message>
        <source>train</source>
        <translation>학습</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>검증</translation>
    </message>
    <message>
        <source>Loss of run %1 (in colour)</source>
        <translation>실행 %1의 손실 (색으로 표시)</translation>
    </message>
</context>
<context>
    <name>ui::SweepPanel</name>
    <message>
        <source>Base experiment</source>
        <translation>기준 실험</translation>
    </message>
    <message>
        <source>The main window&apos;s experiment (saved as base.yaml in the output folder)</source>
        <translation>메인 창의 실험 (출력 폴더에 base.yaml로 저장)</translation>
    </message>
    <message>
        <source>The experiment every run starts from; the grid below changes some of its keys.</source>
        <translation>모든 실행의 출발점이 되는 실험입니다. 아래 그리드가 이 실험의 일부 키를 바꿉니다.</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>찾아보기…</translation>
    </message>
    <message>
        <source>Experiment files (*.yaml *.yml)</source>
        <translation>실험 파일 (*.yaml *.yml)</translation>
    </message>
    <message>
        <source>Edit a sweep in the form instead</source>
        <translation>대신 폼에서 스윕 편집</translation>
    </message>
    <message>
        <source>Open sweep file…</source>
        <translation>스윕 파일 열기…</translation>
    </message>
    <message>
        <source>Save sweep file…</source>
        <translation>스윕 파일 저장…</translation>
    </message>
    <message>
        <source>Writes the sweep as YAML; `lorawb sweep FILE` runs (and resumes) it without the app.</source>
        <translation>스윕을 YAML로 저장합니다. `lorawb sweep FILE`로 앱 없이 실행(및 재개)할 수 있습니다.</translation>
    </message>
    <message>
        <source>Open sweep file</source>
        <translation>스윕 파일 열기</translation>
    </message>
    <message>
        <source>Sweep files (*.yaml *.yml)</source>
        <translation>스윕 파일 (*.yaml *.yml)</translation>
    </message>
    <message>
        <source>Save sweep file</source>
        <translation>스윕 파일 저장</translation>
    </message>
    <message>
        <source>Start sweep</source>
        <translation>스윕 시작</translation>
    </message>
    <message>
        <source>Writes &lt;output folder&gt;/sweep.yaml and runs its runs one after another.</source>
        <translation>&lt;출력 폴더&gt;/sweep.yaml을 쓰고, 그 안의 실행을 하나씩 차례로 실행합니다.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Stops the running run after its current step, with a checkpoint. The sweep stays in the history as paused and can be resumed, also after the app was closed.</source>
        <translation>진행 중인 실행을 현재 스텝이 끝난 뒤 체크포인트와 함께 중지합니다. 스윕은 일시 중지 상태로 기록에 남으며, 앱을 닫은 뒤에도 재개할 수 있습니다.</translation>
    </message>
    <message>
        <source>Resume a paused or interrupted sweep</source>
        <translation>일시 중지되었거나 중단된 스윕 재개</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>재개</translation>
    </message>
    <message>
        <source>Skips the runs that finished, continues the interrupted one from its checkpoint and runs the rest.</source>
        <translation>완료된 실행은 건너뛰고, 중단된 실행은 체크포인트에서 이어서 학습한 뒤 나머지를 실행합니다.</translation>
    </message>
    <message>
        <source>Set up a grid and start the sweep.</source>
        <translation>그리드를 설정하고 스윕을 시작하세요.</translation>
    </message>
    <message>
        <source>run history: sweep %1 in %2</source>
        <translation>실행 기록: %2의 스윕 %1</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>오류: %1</translation>
    </message>
    <message>
        <source>%1 cannot be shown in the form: %2. Start runs it as it is (like `lorawb sweep`).</source>
        <translation>%1은(는) 폼에 표시할 수 없습니다: %2. 시작하면 파일을 그대로 실행합니다 (`lorawb sweep`처럼).</translation>
    </message>
    <message>
        <source>The opened sweep file is run as it is; copy %1 to keep it elsewhere.</source>
        <translation>열어 둔 스윕 파일은 그대로 실행됩니다. 다른 곳에 보관하려면 %1을(를) 복사하세요.</translation>
    </message>
    <message>
        <source>Wrote %1</source>
        <translation>%1에 저장했습니다</translation>
    </message>
    <message>
        <source>Stopping after this step…</source>
        <translation>이 스텝 후 중지하는 중…</translation>
    </message>
    <message>
        <source>Sweep %1 is not in the run history %2; pick one from the list.</source>
        <translation>스윕 %1이(가) 실행 기록 %2에 없습니다. 목록에서 선택하세요.</translation>
    </message>
    <message>
        <source>Restored %1 from the run history</source>
        <translation>실행 기록에서 %1을(를) 복원했습니다</translation>
    </message>
    <message>
        <source>Sweep %1 cannot be resumed: its runs&apos; experiments changed since it started (the base experiment %2 was edited?). Start it as a new sweep instead.</source>
        <translation>스윕 %1을(를) 재개할 수 없습니다: 시작한 뒤로 실행들의 실험이 바뀌었습니다 (기준 실험 %2을(를) 수정했나요?). 대신 새 스윕으로 시작하세요.</translation>
    </message>
    <message>
        <source>Run %1 (%2) failed: %3</source>
        <translation>실행 %1 (%2) 실패: %3</translation>
    </message>
    <message>
        <source>run history: %1</source>
        <translation>실행 기록: %1</translation>
    </message>
    <message>
        <source>The sweep could not run.</source>
        <translation>스윕을 실행할 수 없습니다.</translation>
    </message>
    <message>
        <source>Base experiment: none chosen. Choose an experiment file, or set one up in the main window (model, data, LoRA settings) first.</source>
        <translation>기준 실험: 선택되지 않음. 실험 파일을 선택하거나, 먼저 메인 창에서 실험(모델, 데이터, LoRA 설정)을 구성하세요.</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>일시 중지됨</translation>
    </message>
    <message>
        <source>running</source>
        <translation>실행 중</translation>
    </message>
    <message numerus="yes">
        <source>#%1 %2 — %3, %4 of %n run(s) finished</source>
        <translation>
            <numerusform>#%1 %2 — %3, 실행 %n개 중 %4개 완료</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sweep %1: %n run(s) from %2</source>
        <translation>
            <numerusform>스윕 %1: %2에서 실행 %n개</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sweep %1: %n run(s)…</source>
        <translation>
            <numerusform>스윕 %1: 실행 %n개…</numerusform>
        </translation>
    </message>
    <message>
        <source>Run %L1 of %L2: %3</source>
        <translation>실행 %L1/%L2: %3</translation>
    </message>
    <message numerus="yes">
        <source>Sweep paused: %L1 of %n run(s) finished. Resume continues the interrupted run from its checkpoint, also after the app was closed.</source>
        <translation>
            <numerusform>스윕 일시 중지: 실행 %n개 중 %L1개 완료. 재개하면 중단된 실행을 체크포인트에서 이어서 학습하며, 앱을 닫은 뒤에도 재개할 수 있습니다.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>All %n run(s) of this sweep were done earlier (the same name and values resume the same sweep). Change the name or a value to run a new one.</source>
        <translation>
            <numerusform>이 스윕의 실행 %n개는 모두 이전에 완료되었습니다 (이름과 값이 같으면 같은 스윕을 재개합니다). 새 스윕을 실행하려면 이름이나 값을 바꾸세요.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sweep done: %n run(s) finished now, %L1 earlier, %L2 failed.</source>
        <translation>
            <numerusform>스윕 완료: 이번에 완료 %n개, 이전에 완료 %L1개, 실패 %L2개.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ui::SweepQueueTable</name>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>run</source>
        <translation>실행</translation>
    </message>
    <message>
        <source>state</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>run id</source>
        <translation>실행 ID</translation>
    </message>
    <message>
        <source>train loss</source>
        <translation>학습 손실</translation>
    </message>
    <message>
        <source>eval loss</source>
        <translation>검증 손실</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>정확도</translation>
    </message>
    <message>
        <source>The run&apos;s row in the run history (lorawb runs show ID).</source>
        <translation>실행 기록에서 이 실행의 행입니다(lorawb runs show ID).</translation>
    </message>
    <message>
        <source>Mean loss of the last training step.</source>
        <translation>마지막 학습 스텝의 평균 손실입니다.</translation>
    </message>
    <message>
        <source>Loss on the validation split at the end.</source>
        <translation>학습이 끝났을 때 검증 분할에서의 손실입니다.</translation>
    </message>
    <message>
        <source>Exact-match accuracy on the forgetting probe&apos;s task files, when the experiment has them.</source>
        <translation>실험에 망각 프로브의 작업 파일이 있을 때, 그 파일에서 측정한 정확 일치(EM) 정확도입니다.</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>대기 중</translation>
    </message>
    <message>
        <source>done earlier</source>
        <translation>이전에 완료됨</translation>
    </message>
    <message>
        <source>starting…</source>
        <translation>시작하는 중…</translation>
    </message>
    <message>
        <source>resuming from its checkpoint…</source>
        <translation>체크포인트에서 재개하는 중…</translation>
    </message>
    <message>
        <source>stopped (Resume continues it)</source>
        <translation>중지됨 (재개하면 이어서 학습)</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>실패: %1</translation>
    </message>
    <message>
        <source>running step %L1/%L2</source>
        <translation>스텝 %L1/%L2 실행 중</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>종료 시각</translation>
    </message>
</context>
<context>
    <name>ui::SweepWorker</name>
    <message>
        <source>run history: could not read run %1: %2</source>
        <translation>실행 기록: 실행 %1을(를) 읽을 수 없습니다: %2</translation>
    </message>
</context>
<context>
    <name>ui::TargetModulesPanel</name>
    <message>
        <source>Module</source>
        <translation>모듈</translation>
    </message>
    <message>
        <source>Shape (in → out)</source>
        <translation>형태 (in → out)</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>레이어</translation>
    </message>
    <message>
        <source>Adapter params</source>
        <translation>어댑터 파라미터</translation>
    </message>
    <message>
        <source>Which linear layers get a LoRA adapter (target_modules). Together with r this matters most: targeting all linear layers tends to adapt better than attention only, at a higher parameter count. The output head is never targeted here.</source>
        <translation>어떤 선형 레이어에 LoRA 어댑터를 붙일지 정합니다(target_modules). r과 함께 가장 중요한 설정입니다: 모든 선형 레이어를 대상으로 하면 어텐션만 대상으로 할 때보다 보통 더 잘 적응하지만, 파라미터 수가 더 많습니다. 출력 헤드는 여기서 대상으로 삼지 않습니다.</translation>
    </message>
    <message>
        <source>Attention only</source>
        <translation>어텐션만</translation>
    </message>
    <message>
        <source>q, k, v and o projections: fewer parameters, the classic LoRA setup.</source>
        <translation>q, k, v, o 프로젝션: 파라미터가 적은 고전적인 LoRA 설정입니다.</translation>
    </message>
    <message>
        <source>MLP only</source>
        <translation>MLP만</translation>
    </message>
    <message>
        <source>gate, up and down projections: where most parameters and knowledge live.</source>
        <translation>gate, up, down 프로젝션: 대부분의 파라미터와 지식이 있는 곳입니다.</translation>
    </message>
    <message>
        <source>All linear</source>
        <translation>모든 선형</translation>
    </message>
    <message>
        <source>Every linear layer except the output head (PEFT&apos;s &quot;all-linear&quot;): usually the best quality per step, the most parameters.</source>
        <translation>출력 헤드를 제외한 모든 선형 레이어(PEFT의 &quot;all-linear&quot;): 보통 스텝당 품질이 가장 좋지만, 파라미터가 가장 많습니다.</translation>
    </message>
    <message>
        <source>All layers</source>
        <translation>모든 레이어</translation>
    </message>
    <message>
        <source>layers_to_transform: adapt only a range of decoder layers. Later layers are more task-specific; fewer layers means fewer parameters and less change to the model.</source>
        <translation>layers_to_transform: 디코더 레이어 중 일부 범위에만 어댑터를 붙입니다. 뒤쪽 레이어일수록 작업에 특화되어 있습니다. 레이어가 적을수록 파라미터가 적고 모델도 덜 바뀝니다.</translation>
    </message>
    <message>
        <source>from</source>
        <translation>시작</translation>
    </message>
    <message>
        <source>to</source>
        <translation>끝</translation>
    </message>
    <message>
        <source>Load a model to see its linear modules.</source>
        <translation>모델을 불러오면 선형 모듈을 볼 수 있습니다.</translation>
    </message>
    <message>
        <source>Adapter params per module kind: r · (in + out) × layers.</source>
        <translation>모듈 종류별 어댑터 파라미터: r · (in + out) × 레이어 수.</translation>
    </message>
    <message>
        <source>%L1 → %L2 + bias</source>
        <translation>%L1 → %L2 + bias</translation>
    </message>
</context>
<context>
    <name>ui::TaskHeadText</name>
    <message>
        <source>%1  predicted</source>
        <translation>%1  예측됨</translation>
    </message>
    <message>
        <source>Multi-label: each class&apos;s own probability (sigmoid); those above 50 % are predicted.</source>
        <translation>다중 레이블: 각 클래스의 개별 확률(sigmoid)이며, 50 %를 넘는 클래스가 예측됩니다.</translation>
    </message>
    <message>
        <source>Single-label: the probabilities (softmax) add up to 100 %; the first is the prediction.</source>
        <translation>단일 레이블: 확률(softmax)의 합은 100 %이며, 첫 번째 클래스가 예측입니다.</translation>
    </message>
    <message>
        <source>(cut off by max_length)</source>
        <translation>(max_length에서 잘림)</translation>
    </message>
    <message>
        <source>Each word&apos;s tag is its first sub-token&apos;s most likely one, as training labels it.</source>
        <translation>각 단어의 태그는 그 단어의 첫 번째 서브토큰에서 확률이 가장 높은 태그입니다(학습 때 레이블을 붙이는 방식과 같습니다).</translation>
    </message>
    <message>
        <source>No answer: the null span scores %L1, above every span of the context.</source>
        <translation>답 없음: null 스팬의 점수(%L1)가 문맥의 모든 스팬보다 높습니다.</translation>
    </message>
    <message>
        <source>No span of the context could be an answer.</source>
        <translation>문맥의 어떤 스팬도 답이 될 수 없습니다.</translation>
    </message>
    <message>
        <source>Answer: %1

score %2 (start + end logit) (window %3 of %4)</source>
        <translation>답: %1

점수 %2 (시작 + 끝 logit) (윈도우 %3/%4)</translation>
    </message>
    <message>
        <source>Answer: %1

score %2 (start + end logit)</source>
        <translation>답: %1

점수 %2 (시작 + 끝 logit)</translation>
    </message>
    <message numerus="yes">
        <source>The %L1 nearest of %Ln text(s) (the validation pairs&apos; positives and negatives), by cosine similarity.</source>
        <translation>
            <numerusform>코사인 유사도로 찾은, %Ln개 텍스트(검증 쌍의 포지티브와 네거티브) 중 가장 가까운 %L1개입니다.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ui::TaskScorePlot</name>
    <message>
        <source>step</source>
        <translation>스텝</translation>
    </message>
    <message>
        <source>validation score</source>
        <translation>검증 점수</translation>
    </message>
    <message>
        <source>The task head&apos;s scores on the validation records at each evaluation (train.eval_every): they rise as the adapter learns the task. Exact match and F1 of QUESTION_ANS are in percent, as the SQuAD script reports them; the others are fractions.</source>
        <translation>각 평가 시점(train.eval_every)에 검증 레코드에서 측정한 작업 헤드의 점수입니다. 어댑터가 작업을 학습할수록 올라갑니다. QUESTION_ANS의 정확 일치(EM)와 F1은 SQuAD 스크립트처럼 퍼센트로, 나머지는 비율로 표시합니다.</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>정확도</translation>
    </message>
    <message>
        <source>exact match</source>
        <translation>정확 일치(EM)</translation>
    </message>
    <message>
        <source>macro F1</source>
        <translation>매크로 F1</translation>
    </message>
    <message>
        <source>micro F1</source>
        <translation>마이크로 F1</translation>
    </message>
    <message>
        <source>precision</source>
        <translation>정밀도</translation>
    </message>
    <message>
        <source>recall</source>
        <translation>재현율</translation>
    </message>
</context>
<context>
    <name>ui::TrainingCharts</name>
    <message>
        <source>Smoothing of the train loss curve (exponential moving average, as TensorBoard does). The faint line is the raw loss of each step.</source>
        <translation>학습 손실 곡선의 스무딩 정도입니다 (TensorBoard처럼 지수 이동 평균을 씁니다). 흐린 선은 각 스텝의 원래 손실입니다.</translation>
    </message>
    <message>
        <source>Smoothing</source>
        <translation>스무딩</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>손실</translation>
    </message>
    <message>
        <source>train (raw)</source>
        <translation>학습 (원본)</translation>
    </message>
    <message>
        <source>train</source>
        <translation>학습</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>검증</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>학습률</translation>
    </message>
    <message>
        <source>gradient norm</source>
        <translation>그래디언트 노름</translation>
    </message>
    <message>
        <source>step</source>
        <translation>스텝</translation>
    </message>
</context>
<context>
    <name>ui::TrainingPanel</name>
    <message>
        <source>Start</source>
        <translation>시작</translation>
    </message>
    <message>
        <source>Start a new run with the current settings (Ctrl+Return).</source>
        <translation>현재 설정으로 새 실행을 시작합니다(Ctrl+Return).</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>일시 정지</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>중지</translation>
    </message>
    <message>
        <source>Stop after the current step (Esc). A checkpoint and the adapter are written, so the run can be resumed or exported.</source>
        <translation>현재 스텝이 끝나면 중지합니다(Esc). 체크포인트와 어댑터가 저장되므로 실행을 재개하거나 내보낼 수 있습니다.</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>재개</translation>
    </message>
    <message>
        <source>Continue the stopped run exactly where it stopped, with the settings it started with.</source>
        <translation>중지된 실행을 처음 시작할 때의 설정 그대로, 멈춘 지점에서 정확히 이어서 학습합니다.</translation>
    </message>
    <message>
        <source>Ready.</source>
        <translation>준비됨.</translation>
    </message>
    <message>
        <source>Resuming %1</source>
        <translation>재개하는 중: %1</translation>
    </message>
    <message>
        <source>Starting %1</source>
        <translation>시작하는 중: %1</translation>
    </message>
    <message>
        <source>Stopping after this step…</source>
        <translation>이번 스텝이 끝나면 중지합니다…</translation>
    </message>
    <message>
        <source>Paused.</source>
        <translation>일시 정지됨.</translation>
    </message>
    <message>
        <source>Training…</source>
        <translation>학습 중…</translation>
    </message>
    <message>
        <source>step %1 / %2 · loss %3 · %4 tokens/s · elapsed %5 · ETA %6</source>
        <translation>스텝 %1 / %2 · 손실 %3 · %4 토큰/초 · 경과 %5 · 남은 시간 %6</translation>
    </message>
    <message>
        <source>step %1: eval_loss %2%3</source>
        <translation>스텝 %1: eval_loss %2%3</translation>
    </message>
    <message>
        <source>step %1: eval_loss %2 (mean of the batches&apos; means, as HF), token mean %3, perplexity %4</source>
        <translation>스텝 %1: eval_loss %2 (HF와 같이 배치별 평균의 평균), 토큰 평균 %3, 퍼플렉서티 %4</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>오류: %1</translation>
    </message>
    <message>
        <source>Failed.</source>
        <translation>실패했습니다.</translation>
    </message>
    <message>
        <source>Training failed</source>
        <translation>학습 실패</translation>
    </message>
    <message>
        <source>Stopped at step %L1 of %L2. Resume continues from the checkpoint.</source>
        <translation>스텝 %L1 / %L2에서 중지했습니다. 재개하면 체크포인트에서 이어서 학습합니다.</translation>
    </message>
    <message numerus="yes">
        <source>Finished %Ln step(s). train_loss %1 (mean over the run; last step %2).</source>
        <translation>
            <numerusform>%Ln 스텝을 마쳤습니다. train_loss %1 (실행 전체 평균, 마지막 스텝 %2).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Finished %Ln step(s). train_loss %1 (mean over the run; last step %2), eval_loss %3.</source>
        <translation>
            <numerusform>%Ln 스텝을 마쳤습니다. train_loss %1 (실행 전체 평균, 마지막 스텝 %2), eval_loss %3.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ui::TrainingSettingsForm</name>
    <message>
        <source>Optimizer steps to train. 0: train for the number of epochs instead.</source>
        <translation>학습할 옵티마이저 스텝 수입니다. 0이면 대신 에폭 수만큼 학습합니다.</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>스텝</translation>
    </message>
    <message>
        <source>Passes over the training set, used when Steps is 0. Small datasets need a few; more risks overfitting (watch the validation loss).</source>
        <translation>학습 세트를 몇 번 반복할지 정하며, 스텝이 0일 때 사용됩니다. 작은 데이터셋은 몇 번 필요하고, 너무 많으면 과적합될 위험이 있습니다 (검증 손실을 지켜보세요).</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>에폭</translation>
    </message>
    <message>
        <source>Sequences per step. Larger is smoother and faster per token but needs more memory (see the estimate).</source>
        <translation>스텝당 시퀀스 수입니다. 클수록 학습이 매끄럽고 토큰당 빠르지만 메모리가 더 필요합니다 (예상치 참고).</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>배치</translation>
    </message>
    <message>
        <source>AdamW&apos;s step size for the adapter weights. LoRA&apos;s common range is 1e-4 to 5e-4 (higher than full fine-tuning, since only a small update is learned).</source>
        <translation>어댑터 가중치에 대한 AdamW의 스텝 크기입니다. LoRA에서 흔히 쓰는 범위는 1e-4에서 5e-4입니다 (작은 업데이트만 학습하므로 전체 파인튜닝보다 높습니다).</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>학습률</translation>
    </message>
    <message>
        <source>How the learning rate changes: constant (warmup ignored, as in transformers), constant_with_warmup, or after warmup linear decay to 0 or cosine decay to 0 (a common choice).</source>
        <translation>학습률이 변하는 방식: constant (transformers처럼 워밍업 무시), constant_with_warmup, 또는 워밍업 후 0까지 선형 감소나 0까지 코사인 감소(흔한 선택) 중에서 고릅니다.</translation>
    </message>
    <message>
        <source>Scheduler</source>
        <translation>스케줄러</translation>
    </message>
    <message>
        <source>Steps over which the learning rate ramps up from 0; avoids large first updates.</source>
        <translation>학습률을 0부터 서서히 올리는 스텝 수입니다. 초반의 큰 업데이트를 막아 줍니다.</translation>
    </message>
    <message>
        <source>Warmup steps</source>
        <translation>워밍업 스텝</translation>
    </message>
    <message>
        <source>Measure the validation loss every N steps (0: only at the end). Costs a pass over the validation split.</source>
        <translation>N 스텝마다 검증 손실을 측정합니다 (0: 마지막에만). 측정할 때마다 검증 분할 전체를 한 번 거쳐야 합니다.</translation>
    </message>
    <message>
        <source>Eval every</source>
        <translation>평가 주기</translation>
    </message>
    <message>
        <source>Seeds the adapter init, dropout and the data order: the same seed and settings give the same run.</source>
        <translation>어댑터 초기화, 드롭아웃, 데이터 순서에 쓰이는 시드입니다. 시드와 설정이 같으면 같은 실행 결과가 나옵니다.</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>시드</translation>
    </message>
    <message>
        <source>CUDA (not available)</source>
        <translation>CUDA (사용 불가)</translation>
    </message>
    <message>
        <source>No CUDA device is available to this build: either its libtorch has no CUDA (Debian&apos;s package is CPU-only; the README shows how to build against a CUDA libtorch) or no NVIDIA GPU is visible.</source>
        <translation>이 빌드에서 사용할 수 있는 CUDA 장치가 없습니다. libtorch에 CUDA가 없거나 (Debian 패키지는 CPU 전용입니다. CUDA libtorch로 빌드하는 방법은 README를 참고하세요) NVIDIA GPU가 보이지 않습니다.</translation>
    </message>
    <message>
        <source>Where training runs. CUDA keeps the frozen weights in bfloat16; CPU uses float32.</source>
        <translation>학습을 실행할 장치입니다. CUDA는 고정된(frozen) 가중치를 bfloat16으로, CPU는 float32로 유지합니다.</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>장치</translation>
    </message>
    <message>
        <source>Each run gets its own folder here: checkpoints/ and the PEFT adapter/.</source>
        <translation>실행마다 이 폴더 안에 전용 폴더가 만들어집니다: checkpoints/와 PEFT adapter/.</translation>
    </message>
    <message>
        <source>Folder for runs</source>
        <translation>실행을 저장할 폴더</translation>
    </message>
    <message>
        <source>Runs folder</source>
        <translation>실행 폴더</translation>
    </message>
</context>
<context>
    <name>ui::TruncationPlot</name>
    <message>
        <source>rank k kept of each ΔW</source>
        <translation>각 ΔW에서 유지한 랭크 k</translation>
    </message>
    <message>
        <source>loss (nats)</source>
        <translation>손실 (nats)</translation>
    </message>
    <message>
        <source>exact-match accuracy (%)</source>
        <translation>정확 일치(EM) 정확도 (%)</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>손실</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>정확도</translation>
    </message>
    <message>
        <source>Each ΔW cut to its best rank-k approximation (SVD), then evaluated. Where the loss stays flat as k drops, a smaller r would have learned the same for fewer parameters.</source>
        <translation>각 ΔW를 가장 좋은 랭크 k 근사(SVD)로 잘라낸 뒤 평가합니다. k를 줄여도 손실이 거의 그대로라면, 더 작은 r로도 더 적은 파라미터로 같은 것을 학습했을 것입니다.</translation>
    </message>
    <message>
        <source>Run the truncation to see how much each rank direction matters.</source>
        <translation>랭크 잘라내기를 실행하면 각 랭크 방향이 얼마나 중요한지 볼 수 있습니다.</translation>
    </message>
    <message>
        <source>k = %1: loss %2, perplexity %3, accuracy %4 % — an adapter trained at r = %1 has %5 parameters</source>
        <translation>k = %1: 손실 %2, 퍼플렉서티 %3, 정확도 %4 % — r = %1로 학습한 어댑터의 파라미터 %5개</translation>
    </message>
    <message>
        <source>k = %1: loss %2, perplexity %3 — an adapter trained at r = %1 has %4 parameters</source>
        <translation>k = %1: 손실 %2, 퍼플렉서티 %3 — r = %1로 학습한 어댑터의 파라미터 %4개</translation>
    </message>
</context>
<context>
    <name>ui::TruncationSettings</name>
    <message>
        <source>default: 1, 2, 4, … r</source>
        <translation>기본값: 1, 2, 4, … r</translation>
    </message>
    <message>
        <source>Ranks k to cut every ΔW to, separated by commas; each between 1 and the adapter&apos;s r.</source>
        <translation>모든 ΔW를 잘라낼 랭크 k를 쉼표로 구분해 입력합니다. 각 값은 1 이상, 어댑터의 r 이하입니다.</translation>
    </message>
    <message>
        <source>accuracy on the first</source>
        <translation>정확도 측정: 처음</translation>
    </message>
    <message>
        <source>Exact-match accuracy of greedy answers (Alpaca data only). Generation is the slow part; the loss always uses every record.</source>
        <translation>그리디 답변의 정확 일치(EM) 정확도입니다(Alpaca 데이터만 해당). 생성이 오래 걸리는 부분이며, 손실은 항상 모든 레코드로 계산합니다.</translation>
    </message>
    <message>
        <source>all</source>
        <translation>전체</translation>
    </message>
    <message>
        <source> records</source>
        <translation> 레코드</translation>
    </message>
    <message>
        <source>Ranks k</source>
        <translation>랭크 k</translation>
    </message>
    <message>
        <source>Ranks k: &apos;%1&apos; is not a whole number ≥ 1. Write ranks separated by commas, e.g. 1, 2, 4, 8, or leave the field empty for the default.</source>
        <translation>랭크 k: &apos;%1&apos;은(는) 1 이상의 정수가 아닙니다(≥ 1). 랭크를 쉼표로 구분해 입력하세요(예: 1, 2, 4, 8). 기본값을 쓰려면 비워 두세요.</translation>
    </message>
</context>
<context>
    <name>ui::TryItPanel</name>
    <message>
        <source>An instruction, e.g. one from your dataset&apos;s task</source>
        <translation>지시문. 예: 데이터셋의 과제에 나오는 지시문</translation>
    </message>
    <message>
        <source>The question; the box above holds the context its answer is in</source>
        <translation>질문 (답이 들어 있는 문맥은 위 칸에 입력합니다)</translation>
    </message>
    <message>
        <source>may answer &quot;no answer&quot;</source>
        <translation>&quot;답 없음&quot; 허용</translation>
    </message>
    <message>
        <source>SQuAD v2.0: when the null span (the first token) outscores every span of the context, the answer is &quot;no answer&quot;. Off: the best span always answers, as for SQuAD v1.1 models.</source>
        <translation>SQuAD v2.0: null 스팬(첫 번째 토큰)의 점수가 문맥의 모든 스팬보다 높으면 답은 &quot;답 없음&quot;입니다. 끄면: SQuAD v1.1 모델처럼 항상 점수가 가장 높은 스팬이 답이 됩니다.</translation>
    </message>
    <message>
        <source>Alpaca template</source>
        <translation>Alpaca 템플릿</translation>
    </message>
    <message>
        <source>Chat template</source>
        <translation>채팅 템플릿</translation>
    </message>
    <message>
        <source>Raw text</source>
        <translation>원시 텍스트</translation>
    </message>
    <message>
        <source>How the prompt reaches the model: wrapped in the Alpaca template (as Alpaca records train), as a user message through the model&apos;s chat template with its generation prompt (as chat conversations train), or as raw text to continue.</source>
        <translation>프롬프트를 모델에 전달하는 방식입니다. Alpaca 템플릿으로 감싸거나(Alpaca 레코드를 학습할 때와 같음), 생성 프롬프트를 붙여 모델의 채팅 템플릿을 거친 사용자 메시지로 보내거나(채팅 대화를 학습할 때와 같음), 이어 쓸 원시 텍스트로 그대로 보냅니다.</translation>
    </message>
    <message>
        <source>At most this many new tokens.</source>
        <translation>새로 생성할 토큰의 최대 개수입니다.</translation>
    </message>
    <message>
        <source>0: greedy (always the most likely token; best for comparing). Higher: more varied samples (seeded, so repeatable).</source>
        <translation>0: 그리디(greedy) 디코딩입니다(항상 가장 확률이 높은 토큰을 고르므로 비교에 가장 좋습니다). 더 높으면: 더 다양한 샘플을 생성합니다(시드가 고정되어 재현할 수 있습니다).</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>생성</translation>
    </message>
    <message>
        <source>Adapter…</source>
        <translation>어댑터…</translation>
    </message>
    <message>
        <source>Choose a PEFT adapter folder (adapter_config.json + adapter_model.safetensors).</source>
        <translation>PEFT 어댑터 폴더(adapter_config.json + adapter_model.safetensors)를 선택합니다.</translation>
    </message>
    <message>
        <source>max new tokens</source>
        <translation>최대 새 토큰 수</translation>
    </message>
    <message>
        <source>temperature</source>
        <translation>temperature</translation>
    </message>
    <message>
        <source>Base model</source>
        <translation>베이스 모델</translation>
    </message>
    <message>
        <source>With adapter</source>
        <translation>어댑터 적용</translation>
    </message>
    <message>
        <source>Choose an adapter folder</source>
        <translation>어댑터 폴더 선택</translation>
    </message>
    <message>
        <source>Classify</source>
        <translation>분류</translation>
    </message>
    <message>
        <source>A text to classify, e.g. a record of your validation file</source>
        <translation>분류할 텍스트. 예: 검증 파일의 레코드</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>태깅</translation>
    </message>
    <message>
        <source>A sentence to tag, its words separated by spaces (as a token_cls record&apos;s words: punctuation spaced off is a word of its own)</source>
        <translation>태깅할 문장. 단어는 공백으로 구분합니다(token_cls 레코드의 words처럼, 공백으로 띄운 문장 부호도 하나의 단어입니다)</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>답 찾기</translation>
    </message>
    <message>
        <source>The context: a passage that holds the answer</source>
        <translation>문맥: 답이 들어 있는 지문</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>검색</translation>
    </message>
    <message>
        <source>A query: its nearest texts among the validation pairs&apos; positives and negatives are listed, by the base model and with the adapter</source>
        <translation>쿼리: 검증 쌍의 포지티브와 네거티브 텍스트 중 쿼리와 가장 가까운 텍스트를 베이스 모델과 어댑터 적용 모델로 각각 찾아 나열합니다</translation>
    </message>
    <message>
        <source>%1 adds a new head to the base model, initialised at random: before training it guesses. The adapter&apos;s trained head answers on the right.</source>
        <translation>%1 작업은 베이스 모델에 무작위로 초기화된 새 헤드를 추가하므로, 학습 전에는 추측만 합니다. 오른쪽에는 어댑터의 학습된 헤드가 답합니다.</translation>
    </message>
    <message>
        <source>Generating…</source>
        <translation>생성 중…</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>실행 중…</translation>
    </message>
    <message>
        <source>Choose the pairs file on the Data tab: its validation pairs are the texts searched.</source>
        <translation>데이터 탭에서 pairs 파일을 선택하세요. 그 파일의 검증 쌍이 검색 대상 텍스트입니다.</translation>
    </message>
    <message>
        <source>Train a %1 adapter first (Train tab), or choose one (Adapter…): its head answers here.</source>
        <translation>먼저 %1 어댑터를 학습하거나(학습 탭) 선택하세요(어댑터…). 여기서는 그 어댑터의 헤드가 답합니다.</translation>
    </message>
    <message>
        <source>Type a question, and its context in the box above.</source>
        <translation>질문을 입력하고, 그 문맥은 위 칸에 입력하세요.</translation>
    </message>
    <message>
        <source>Load a base model first (Model &amp; LoRA tab).</source>
        <translation>먼저 베이스 모델을 불러오세요(모델 및 LoRA 탭).</translation>
    </message>
    <message>
        <source>Type a prompt first.</source>
        <translation>먼저 프롬프트를 입력하세요.</translation>
    </message>
    <message>
        <source>Generate with the base model and, when an adapter is set, with the adapter, side by side.</source>
        <translation>베이스 모델로 생성하고, 어댑터가 설정되어 있으면 어댑터로도 생성해 나란히 보여 줍니다.</translation>
    </message>
    <message>
        <source>Run the text through the adapter&apos;s %1 head.</source>
        <translation>텍스트를 어댑터의 %1 헤드에 통과시킵니다.</translation>
    </message>
    <message>
        <source>No adapter yet: train one (Train tab) or choose a folder. The base model generates alone.</source>
        <translation>아직 어댑터가 없습니다. 어댑터를 학습하거나(학습 탭) 폴더를 선택하세요. 지금은 베이스 모델만 생성합니다.</translation>
    </message>
    <message>
        <source>Adapter: %1</source>
        <translation>어댑터: %1</translation>
    </message>
    <message>
        <source>(no adapter)</source>
        <translation>(어댑터 없음)</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>검색 중…</translation>
    </message>
</context>
</TS>
