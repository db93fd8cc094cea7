#!/usr/bin/env python3
"""Makes the chat template reference fixture with Hugging Face transformers' own rendering.

Usage:  python tests/reference/make_chat_template_reference.py [OUT_FILE]
        (default OUT_FILE: tests/data/reference/chat_templates/cases.json)

Needs transformers and jinja2 (pinned in tests/reference/requirements.txt; bash tests/reference/setup-venv.sh makes a
venv with them). Nothing is downloaded: every template is written into this script below. They were written for this
project, one per model family that matters to it (Llama 3 / 3.1 / 3.2, Qwen2.5, Qwen3, Mistral v0.1, v0.3 and Nemo,
ChatML, Phi-3.5, Gemma 2, DeepSeek-R1-Distill, Hermes 3 tool use): each uses the Jinja constructs and relies on the
rendering behaviours that the family's published template relies on, but none is a copy of a model's file, and their
names end in "_style" to say so. A synthetic "kitchen_sink" template uses every construct core/chat implements.

Every expected string is what transformers returns for
    PreTrainedTokenizerFast(..., bos_token=..., eos_token=..., chat_template=T).apply_chat_template(
        messages, tools=..., add_generation_prompt=..., tokenize=False, **extra)
i.e. transformers' own normalisation of the messages (keys whose value is None dropped, reasoning fields aliased),
its jinja2 environment (ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True), loopcontrols,
raise_exception, strftime_now, its tojson, dict, namespace) and its special-token variables. The "context" stored
with each case is exactly the set of variables transformers handed to the template (captured from jinja2's
Template.render), so the C++ renderer gets the same input; the script checks that rendering that stored context
again gives the same text.

It writes one JSON file:
  versions      {"transformers", "jinja2", "made_by"}
  templates     {name: {"family": what it is, "source": the template text}}
  cases         [{"name", "template", "context", "expected"}]
  error_cases   [{"name", "template", "context", "expected_error"}]: rendering fails; expected_error is the message
                of transformers' exception (raise_exception's text), which the C++ error must contain
The output is deterministic (a second run writes the same bytes) and stays under 1 MB.
Exit 0 on success, 1 if a self-check failed, 2 if transformers is missing or an argument is wrong.
"""

import argparse
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))
DEFAULT_OUT = os.path.join(REPO, "tests", "data", "reference", "chat_templates", "cases.json")
MADE_BY = "tests/reference/make_chat_template_reference.py"
MAX_BYTES = 1 << 20

# --------------------------------------------------------------------------------------------------------------------
# The templates.
#
# All of them except kitchen_sink are written for this project, in our own words and layout, to exercise the Jinja
# constructs and rendering behaviours each model family's chat template depends on (header dates and ipython tools
# for Llama 3.1, <tool_call> blocks and grouped tool responses for Qwen, think blocks, [AVAILABLE_TOOLS], role
# alternation errors, recursive macros over JSON schema types ...). They are NOT copies of the models' files: the
# prompts they produce are shaped like each family's, but their wording, structure and details are our own, which
# is why their names end in "_style". kitchen_sink is synthetic. The renders that count are transformers' own.
#
# Raw strings keep the template text byte for byte: "\n" inside a Jinja string literal stays the two characters
# backslash and n (Jinja turns it into a newline), while a newline typed into a literal is a real newline.

# Llama 3.0 shape: one header per turn, content trimmed, bos before the first turn. The literals hold real newlines
# (this is not a raw string), a filter binds tighter than "+", and a {% set %} builds each turn before printing it.
LLAMA3_STYLE = (
    "{%- for turn in messages %}\n"
    "{%- set block = '<|start_header_id|>' + turn['role'] + '<|end_header_id|>\n\n' + turn['content'] | trim + '<|eot_id|>' %}\n"
    "{%- if loop.first %}{% set block = bos_token + block %}{% endif %}\n"
    "{{- block }}\n"
    "{%- endfor %}\n"
    "{%- if add_generation_prompt %}{{ '<|start_header_id|>assistant<|end_header_id|>\n\n' }}{% endif %}"
)

# Llama 3.1 shape: the system turn is taken out of the list and put under a header with the knowledge cut-off and
# today's date (date_string, or a fixed default); tools are listed with tojson(indent=4) either in that system turn
# or in the first user turn (tools_in_user_message, default true); builtin_tools add "Environment: ipython" and a
# Tools: line without code_interpreter; a builtin tool call is written as <|python_tag|>name.call(k="v") and ends the
# turn with <|eom_id|>; one tool call per turn; tool / ipython results printed through tojson (a string is iterable).
LLAMA31_STYLE = r'''{#- llama31_style: written for LoRA Workbench's tests, shaped like a Llama 3.1 prompt. #}
{{- bos_token }}
{%- if custom_tools is defined %}
    {%- set tools = custom_tools %}
{%- endif %}
{%- if tools is not defined %}
    {%- set tools = none %}
{%- endif %}
{%- if tools_in_user_message is not defined %}
    {%- set tools_in_user_message = true %}
{%- endif %}
{%- if date_string is not defined %}
    {%- set date_string = "26 Jul 2024" %}
{%- endif %}
{%- set uses_ipython = builtin_tools is defined or tools is not none %}

{%- macro tool_schemas(functions) %}
    {%- for fn in functions %}
        {{- fn | tojson(indent=4) ~ "\n\n" }}
    {%- endfor %}
{%- endmacro %}

{#- Take the system turn out of the conversation: it goes under the dated system header. #}
{%- if messages and messages[0]['role'] == 'system' %}
    {%- set system_text = messages[0]['content'] | trim %}
    {%- set messages = messages[1:] %}
{%- else %}
    {%- set system_text = "" %}
{%- endif %}

{{- "<|start_header_id|>system<|end_header_id|>\n\n" }}
{%- if uses_ipython %}
    {{- "Environment: ipython\n" }}
{%- endif %}
{%- if builtin_tools is defined %}
    {{- "Tools: " ~ (builtin_tools | reject("equalto", "code_interpreter") | join(", ")) ~ "\n\n" }}
{%- endif %}
{{- "Cutting Knowledge Date: December 2023\nToday Date: " ~ date_string ~ "\n\n" }}
{%- if tools is not none and not tools_in_user_message %}
    {{- 'The functions below are yours to call. Reply with {"name": <function>, "parameters": <object>} to call one; '
        ~ "use literal values only.\n\n" }}
    {{- tool_schemas(tools) }}
{%- endif %}
{{- system_text ~ "<|eot_id|>" }}

{#- Otherwise the tool list goes in front of the first user turn. #}
{%- if tools is not none and tools_in_user_message %}
    {%- if messages | length == 0 %}
        {{- raise_exception("llama31_style: tools go into the first user turn, and there is no user turn") }}
    {%- endif %}
    {%- set first_text = messages[0]['content'] | trim %}
    {%- set messages = messages[1:] %}
    {{- "<|start_header_id|>user<|end_header_id|>\n\n" }}
    {{- 'Answer the request at the end with a single JSON function call, {"name": <function>, "parameters": <object>}, '
        ~ "choosing from these functions:\n\n" }}
    {{- tool_schemas(tools) }}
    {{- first_text ~ "<|eot_id|>" }}
{%- endif %}

{%- for m in messages %}
    {%- if m.role in ["tool", "ipython"] %}
        {{- "<|start_header_id|>ipython<|end_header_id|>\n\n" }}
        {{- m.content | tojson if (m.content is iterable or m.content is mapping) else m.content }}
        {{- "<|eot_id|>" }}
    {%- elif "tool_calls" in m %}
        {%- if m.tool_calls | length > 1 %}
            {{- raise_exception("llama31_style: one tool call per assistant turn, this one has " ~ m.tool_calls | length) }}
        {%- endif %}
        {%- set call = m.tool_calls[0].function %}
        {{- "<|start_header_id|>assistant<|end_header_id|>\n\n" }}
        {%- if builtin_tools is defined and call.name in builtin_tools %}
            {{- "<|python_tag|>" ~ call.name ~ ".call(" }}
            {%- for key, value in call.arguments | items %}
                {{- key ~ '="' ~ value ~ '"' }}{{ ", " if not loop.last }}
            {%- endfor %}
            {{- ")" }}
        {%- else %}
            {{- '{"name": "' ~ call.name ~ '", "parameters": ' ~ call.arguments | tojson ~ "}" }}
        {%- endif %}
        {{- "<|eom_id|>" if builtin_tools is defined else "<|eot_id|>" }}
    {%- else %}
        {{- "<|start_header_id|>" ~ m.role ~ "<|end_header_id|>\n\n" ~ m.content | trim ~ "<|eot_id|>" }}
    {%- endif %}
{%- endfor %}
{%- if add_generation_prompt %}
    {{- "<|start_header_id|>assistant<|end_header_id|>\n\n" }}
{%- endif %}
'''

# Llama 3.2 shape: as 3.1 without builtin tools, and today's date from strftime_now("%d %b %Y") when the caller gives
# no date_string. Here the tool list is injected while walking the turns (loop.first) instead of slicing it off, the
# turns are walked from a conditional expression, and tool results print as they are when they are strings.
LLAMA32_STYLE = r'''{#- llama32_style: written for LoRA Workbench's tests, shaped like a Llama 3.2 prompt. #}
{{- bos_token }}
{%- set tools = tools if tools is defined else none %}
{%- set tools_in_user_message = tools_in_user_message if tools_in_user_message is defined else true %}
{%- if date_string is not defined %}
    {%- set date_string = strftime_now("%d %b %Y") if strftime_now is defined else "26 Jul 2024" %}
{%- endif %}
{%- set has_system = messages | length > 0 and messages[0].role == "system" %}
{%- set tools_go_first = tools is not none and tools_in_user_message %}
{%- if tools_go_first and messages | selectattr("role", "equalto", "user") | list | length == 0 %}
    {{- raise_exception("llama32_style: tools go into the first user turn, and there is no user turn") }}
{%- endif %}
{{- "<|start_header_id|>system<|end_header_id|>\n\n" }}
{{- "Environment: ipython\n" if tools is not none }}
{{- "Cutting Knowledge Date: December 2023\n" }}
{{- "Today Date: " + date_string + "\n\n" }}
{%- if tools is not none and not tools_in_user_message %}
    {{- "Call a function by answering with JSON: {\"name\": <function>, \"parameters\": <object>}.\n\n" }}
    {%- for t in tools %}
        {{- t | tojson(indent=4) }}{{ "\n\n" }}
    {%- endfor %}
{%- endif %}
{{- (messages[0].content | trim if has_system else "") + "<|eot_id|>" }}
{%- for message in (messages[1:] if has_system else messages) %}
    {%- if message.role == "tool" or message.role == "ipython" %}
        {{- "<|start_header_id|>ipython<|end_header_id|>\n\n" }}
        {{- (message.content if message.content is string else message.content | tojson) + "<|eot_id|>" }}
    {%- elif message.tool_calls is defined %}
        {%- if message.tool_calls | length != 1 %}
            {{- raise_exception("llama32_style: exactly one tool call per assistant turn") }}
        {%- endif %}
        {%- set fn = message.tool_calls | map(attribute="function") | first %}
        {{- "<|start_header_id|>assistant<|end_header_id|>\n\n" }}
        {{- '{"name": "' + fn.name + '", "parameters": ' + fn.arguments | tojson + "}<|eot_id|>" }}
    {%- else %}
        {{- "<|start_header_id|>" + message.role + "<|end_header_id|>\n\n" }}
        {%- if loop.first and tools_go_first %}
            {{- "Use one of these functions to answer with a JSON call, {\"name\": <function>, \"parameters\": <object>}:\n\n" }}
            {%- for t in tools %}
                {{- t | tojson(indent=4) }}{{ "\n\n" }}
            {%- endfor %}
        {%- endif %}
        {{- message.content | trim + "<|eot_id|>" }}
    {%- endif %}
{%- endfor %}
{%- if add_generation_prompt %}
    {{- "<|start_header_id|>assistant<|end_header_id|>\n\n" }}
{%- endif %}
'''

# Qwen2.5 shape: a ChatML system turn that is the caller's or a default one, with the tools inside <tools></tools>
# one tojson line each; tool calls as <tool_call> JSON (arguments through tojson, a "function" wrapper unwrapped by
# re-binding the loop variable); consecutive tool results grouped in one user turn, found with loop.previtem and
# loop.nextitem; "and" returning its operand.
QWEN25_STYLE = r'''{#- qwen25_style: written for LoRA Workbench's tests, shaped like a Qwen2.5 prompt. #}
{%- set has_system = messages and messages[0].role == "system" %}
{{- "<|im_start|>system\n" ~ (messages[0].content if has_system else "You are a helpful assistant. (qwen25_style default)") }}
{%- if tools %}
    {{- "\n\n# Tools\n\nFunction signatures are listed inside <tools></tools>:\n<tools>" }}
    {%- for tool in tools %}
        {{- "\n" ~ tool | tojson }}
    {%- endfor %}
    {{- "\n</tools>\n\nTo call a function, answer with a JSON object inside <tool_call></tool_call> tags:\n<tool_call>\n"
        ~ "{\"name\": <function-name>, \"arguments\": <args-json-object>}\n</tool_call>" }}
{%- endif %}
{{- "<|im_end|>\n" }}
{%- for message in messages %}
    {%- if loop.first and message.role == "system" %}
        {#- printed above #}
    {%- elif message.role == "tool" %}
        {%- if loop.previtem is not defined or loop.previtem.role != "tool" %}
            {{- "<|im_start|>user" }}
        {%- endif %}
        {{- "\n<tool_response>\n" ~ message.content ~ "\n</tool_response>" }}
        {%- if loop.nextitem is not defined or loop.nextitem.role != "tool" %}
            {{- "<|im_end|>\n" }}
        {%- endif %}
    {%- elif message.role == "assistant" and message.tool_calls %}
        {{- "<|im_start|>assistant" }}
        {%- if message.content %}{{ "\n" ~ message.content }}{% endif %}
        {%- for tool_call in message.tool_calls %}
            {%- if tool_call.function is defined %}
                {%- set tool_call = tool_call.function %}
            {%- endif %}
            {{- '\n<tool_call>\n{"name": "' ~ tool_call.name ~ '", "arguments": ' ~ tool_call.arguments | tojson ~ '}\n</tool_call>' }}
        {%- endfor %}
        {{- "<|im_end|>\n" }}
    {%- else %}
        {{- "<|im_start|>" ~ message.role ~ "\n" ~ message.content ~ "<|im_end|>\n" }}
    {%- endif %}
{%- endfor %}
{%- if add_generation_prompt %}
    {{- "<|im_start|>assistant\n" }}
{%- endif %}
'''

# Qwen3 shape: a namespace remembers, from a loop over messages[::-1], where the last real user query is (a user turn
# that is only a <tool_response> does not count); assistant turns after it show their reasoning in a <think> block,
# taken from reasoning_content or split out of the content on '</think>' with split / rstrip / lstrip / strip;
# arguments that are already a string print as they are; tool results grouped by indexing messages[loop.index0 ± 1];
# enable_thinking=false adds an empty think block to the generation prompt.
QWEN3_STYLE = r'''{#- qwen3_style: written for LoRA Workbench's tests, shaped like a Qwen3 prompt. #}
{%- macro call_block(call) %}
    {%- set fn = call.function if call.function is defined else call %}
    {{- '<tool_call>\n{"name": "' ~ fn.name ~ '", "arguments": ' }}
    {{- fn.arguments if fn.arguments is string else fn.arguments | tojson }}
    {{- '}\n</tool_call>' }}
{%- endmacro %}
{%- if tools %}
    {{- "<|im_start|>system\n" }}
    {%- if messages[0].role == "system" %}
        {{- messages[0].content ~ "\n\n" }}
    {%- endif %}
    {{- "# Tools\n\nYou may call functions; their signatures are inside <tools></tools>:\n<tools>" }}
    {%- for tool in tools %}{{ "\n" }}{{ tool | tojson }}{% endfor %}
    {{- "\n</tools>\n\nReturn each call as JSON inside <tool_call></tool_call>:\n<tool_call>\n"
        ~ "{\"name\": <function-name>, \"arguments\": <args-json-object>}\n</tool_call><|im_end|>\n" }}
{%- elif messages[0].role == "system" %}
    {{- "<|im_start|>system\n" ~ messages[0].content ~ "<|im_end|>\n" }}
{%- endif %}
{%- set state = namespace(in_tool_chain=true, query_at=(messages | length) - 1) %}
{%- for message in messages[::-1] %}
    {%- set position = (messages | length) - 1 - loop.index0 %}
    {%- set wrapped = message.content is string and message.content.startswith("<tool_response>")
                      and message.content.endswith("</tool_response>") %}
    {%- if state.in_tool_chain and message.role == "user" and not wrapped %}
        {%- set state.in_tool_chain = false %}
        {%- set state.query_at = position %}
    {%- endif %}
{%- endfor %}
{%- for message in messages %}
    {%- if message.role == "user" or (message.role == "system" and not loop.first) %}
        {{- "<|im_start|>" ~ message.role ~ "\n" ~ message.content ~ "<|im_end|>\n" }}
    {%- elif message.role == "assistant" %}
        {%- set answer = message.content if message.content is string else "" %}
        {%- set thought = "" %}
        {%- if message.reasoning_content is defined and message.reasoning_content is not none %}
            {%- set thought = message.reasoning_content %}
        {%- elif "</think>" in answer %}
            {%- set parts = answer.split("</think>") %}
            {%- set thought = parts[0].rstrip("\n").split("<think>")[-1].lstrip("\n") %}
            {%- set answer = parts[-1].lstrip("\n") %}
        {%- endif %}
        {{- "<|im_start|>assistant\n" }}
        {%- if loop.index0 > state.query_at and (loop.last or thought) %}
            {{- "<think>\n" ~ thought.strip("\n") ~ "\n</think>\n\n" ~ answer.lstrip("\n") }}
        {%- else %}
            {{- answer }}
        {%- endif %}
        {%- for call in message.tool_calls | default([]) %}
            {{- "\n" if (answer or not loop.first) }}
            {{- call_block(call) }}
        {%- endfor %}
        {{- "<|im_end|>\n" }}
    {%- elif message.role == "tool" %}
        {%- if loop.index0 == 0 or messages[loop.index0 - 1].role != "tool" %}
            {{- "<|im_start|>user" }}
        {%- endif %}
        {{- "\n<tool_response>\n" ~ message.content ~ "\n</tool_response>" }}
        {%- if loop.last or messages[loop.index0 + 1].role != "tool" %}
            {{- "<|im_end|>\n" }}
        {%- endif %}
    {%- endif %}
{%- endfor %}
{%- if add_generation_prompt %}
    {{- "<|im_start|>assistant\n" }}
    {%- if enable_thinking is defined and enable_thinking is false %}
        {{- "<think>\n\n</think>\n\n" }}
    {%- endif %}
{%- endif %}'''

# Mistral v0.1 / v0.2 shape, on one line: [INST] turns, assistant turns closed by eos, no system role. Alternation is
# checked by comparing two booleans, where "is even" binds tighter than "!=".
MISTRAL_V1_STYLE = (
    "{#- mistral_v1_style: written for LoRA Workbench's tests -#}"
    "{{- bos_token }}{% for message in messages %}"
    "{% if (message.role == 'user') != loop.index0 is even %}"
    "{{ raise_exception('mistral_v1_style: turns must go user, assistant, user, ... (turn ' ~ loop.index ~ ' is ' ~ message.role ~ ')') }}"
    "{% endif %}"
    "{% if message.role == 'user' %}{{ '[INST] ' ~ message.content ~ ' [/INST]' }}"
    "{% elif message.role == 'assistant' %}{{ message.content ~ eos_token }}"
    "{% else %}{{ raise_exception('mistral_v1_style: only user and assistant turns, not ' ~ message.role) }}"
    "{% endif %}{% endfor %}"
)

# Mistral v0.3 shape: "[INST] " with a space, the system prompt in front of the last user turn, "[AVAILABLE_TOOLS] ["
# before that turn (found with a namespace made empty and filled in later), "[TOOL_CALLS] [" with each call's JSON
# and a nine-character id (raise_exception otherwise), "[TOOL_RESULTS] {", trimmed assistant turns.
MISTRAL_V3_STYLE = r'''{#- mistral_v3_style: written for LoRA Workbench's tests, shaped like a Mistral v0.3 prompt. #}
{%- set ns = namespace() %}
{%- set ns.turns = 0 %}
{%- set ns.last_user = -1 %}
{%- if messages[0].role == "system" %}
    {%- set system_prompt = messages[0].content %}
    {%- set rest = messages[1:] %}
{%- else %}
    {%- set rest = messages %}
{%- endif %}
{%- for message in rest %}
    {%- if message.role == "user" %}
        {%- set ns.last_user = loop.index0 %}
    {%- endif %}
    {%- if message.role in ["user", "assistant"] and message.tool_calls is not defined %}
        {%- if (message.role == "user") != (ns.turns % 2 == 0) %}
            {{- raise_exception("mistral_v3_style: after the system prompt, user and assistant turns must alternate") }}
        {%- endif %}
        {%- set ns.turns = ns.turns + 1 %}
    {%- endif %}
{%- endfor %}
{{- bos_token }}
{%- for message in rest %}
    {%- if message.role == "user" %}
        {%- if tools is defined and tools and loop.index0 == ns.last_user %}
            {{- "[AVAILABLE_TOOLS] [" }}
            {%- for tool in tools %}
                {{- '{"type": "function", "function": ' ~ tool.function | tojson ~ "}" }}
                {{- ", " if not loop.last }}
            {%- endfor %}
            {{- "][/AVAILABLE_TOOLS]" }}
        {%- endif %}
        {%- if loop.index0 == ns.last_user and system_prompt is defined %}
            {{- "[INST] " ~ system_prompt ~ "\n\n" ~ message.content ~ "[/INST]" }}
        {%- else %}
            {{- "[INST] " ~ message.content ~ "[/INST]" }}
        {%- endif %}
    {%- elif message.tool_calls is defined %}
        {{- "[TOOL_CALLS] [" }}
        {%- for call in message.tool_calls %}
            {%- if call.id is not defined or call.id | length != 9 %}
                {{- raise_exception("mistral_v3_style: tool call ids are nine characters long, got " ~ call.id | default("no id") | tojson) }}
            {%- endif %}
            {{- '{"name": ' ~ call.function.name | tojson ~ ', "arguments": ' ~ call.function.arguments | tojson ~ ', "id": "' ~ call.id ~ '"}' }}
            {{- ", " if not loop.last else "]" ~ eos_token }}
        {%- endfor %}
    {%- elif message.role == "assistant" %}
        {{- " " ~ message.content | trim ~ eos_token }}
    {%- elif message.role == "tool" %}
        {{- '[TOOL_RESULTS] {"content": ' ~ message.content | string ~ ', "call_id": "' ~ message.tool_call_id ~ '"}[/TOOL_RESULTS]' }}
    {%- else %}
        {{- raise_exception("mistral_v3_style: no turns of role " ~ message.role) }}
    {%- endif %}
{%- endfor %}
'''

# Mistral Nemo shape: no spaces ("[INST]", "[AVAILABLE_TOOLS][", "[TOOL_CALLS][", "[TOOL_RESULTS]{"); alternation
# checked with a filtered loop whose loop.index0 counts only the kept turns; the tools go before the last user turn,
# found by comparing messages (dicts) for equality; each tool's fields printed from .items() with a loop filter
# dropping "return", strings quoted by hand and the rest through tojson (loop.last of a filtered loop); a call's
# function JSON cut open with [:-1] to append its id; a structured tool result printed through |string (Python repr).
MISTRAL_NEMO_STYLE = r'''{#- mistral_nemo_style: written for LoRA Workbench's tests, shaped like a Mistral Nemo prompt. #}
{%- set conversation = messages %}
{%- if messages and messages[0].role == "system" %}
    {%- set system_prompt = messages[0].content %}
    {%- set conversation = messages[1:] %}
{%- endif %}
{%- set tools = tools if tools is defined else none %}
{%- set last_user = conversation | selectattr("role", "equalto", "user") | list | last %}
{%- for message in conversation if message.role not in ("tool", "tool_results") and (message.tool_calls is not defined or message.tool_calls is none) %}
    {%- if (message.role == "user") != (loop.index0 % 2 == 0) %}
        {{- raise_exception("mistral_nemo_style: after the system prompt, user and assistant turns must alternate") }}
    {%- endif %}
{%- endfor %}
{{- bos_token }}
{%- for message in conversation %}
    {%- if message.role == "user" %}
        {%- if tools is not none and message == last_user %}
            {{- "[AVAILABLE_TOOLS][" }}
            {%- for tool in tools %}
                {%- set fn = tool.function %}
                {{- '{"type": "function", "function": {' }}
                {%- for key, val in fn.items() if key != "return" %}
                    {{- '"' ~ key ~ '": ' ~ ('"' ~ val ~ '"' if val is string else val | tojson) }}
                    {{- ", " if not loop.last }}
                {%- endfor %}
                {{- "}}" ~ (", " if not loop.last else "]") }}
            {%- endfor %}
            {{- "[/AVAILABLE_TOOLS]" }}
        {%- endif %}
        {%- if loop.last and system_prompt is defined %}
            {{- "[INST]" ~ system_prompt ~ "\n\n" ~ message.content ~ "[/INST]" }}
        {%- else %}
            {{- "[INST]" ~ message.content ~ "[/INST]" }}
        {%- endif %}
    {%- elif message.tool_calls is defined and message.tool_calls is not none %}
        {{- "[TOOL_CALLS][" }}
        {%- for call in message.tool_calls %}
            {%- set body = call.function | tojson %}
            {%- if call.id is not defined or call.id | length != 9 %}
                {{- raise_exception("mistral_nemo_style: tool call ids are nine characters long") }}
            {%- endif %}
            {{- body[:-1] ~ ', "id": "' ~ call.id ~ '"}' ~ (", " if not loop.last else "]" ~ eos_token) }}
        {%- endfor %}
    {%- elif message.role == "assistant" %}
        {{- message.content ~ eos_token }}
    {%- elif message.role in ("tool", "tool_results") %}
        {%- set result = message.content.content if message.content.content is defined else message.content %}
        {%- if message.tool_call_id is not defined or message.tool_call_id | length != 9 %}
            {{- raise_exception("mistral_nemo_style: tool results need the nine-character id of their call") }}
        {%- endif %}
        {{- '[TOOL_RESULTS]{"content": ' ~ result | string ~ ', "call_id": "' ~ message.tool_call_id ~ '"}[/TOOL_RESULTS]' }}
    {%- else %}
        {{- raise_exception("mistral_nemo_style: unsupported role '" ~ message.role ~ "'") }}
    {%- endif %}
{%- endfor %}
'''

# ChatML written as literal text lines between block tags: trim_blocks removes the newline after each tag, and
# jinja2 drops the template's single trailing newline.
CHATML_STYLE = """{#- chatml_style: written for LoRA Workbench's tests #}
{% for message in messages %}
<|im_start|>{{ message.role }}
{{ message.content }}<|im_end|>
{% endfor %}
{% if add_generation_prompt %}
<|im_start|>assistant
{% endif %}
"""

# Phi-3.5 shape: <|system|> / <|user|> / <|assistant|> tags from a dict literal, each turn closed by <|end|>, an empty
# system turn left out (loop filter with "in" on a mapping), eos when there is no generation prompt; literal text.
PHI35_STYLE = """{#- phi35_style: written for LoRA Workbench's tests -#}
{%- set tags = {"system": "<|system|>", "user": "<|user|>", "assistant": "<|assistant|>"} %}
{% for message in messages if message.role in tags and (message.role != "system" or message.content) %}
{{ tags[message.role] }}
{{ message.content }}<|end|>
{% endfor %}
{%- if add_generation_prompt %}
<|assistant|>
{% else %}
{{- eos_token }}
{%- endif %}
"""

# Gemma 2 shape: no system role and strict alternation, both raise_exception; loop.index0 % 2 picks the expected role;
# "assistant" is renamed "model"; content trimmed.
GEMMA2_STYLE = r'''{#- gemma2_style: written for LoRA Workbench's tests, shaped like a Gemma 2 prompt. #}
{{- bos_token }}
{%- for message in messages %}
    {%- if message.role == "system" %}
        {{- raise_exception("gemma2_style: there is no system role; put instructions in the first user turn") }}
    {%- endif %}
    {%- set expected = "user" if loop.index0 % 2 == 0 else "assistant" %}
    {%- if message.role != expected %}
        {{- raise_exception("gemma2_style: turn " ~ loop.index ~ " should be " ~ expected ~ ", not " ~ message.role) }}
    {%- endif %}
    {%- set speaker = "model" if message.role == "assistant" else message.role %}
    {{- "<start_of_turn>" ~ speaker ~ "\n" ~ message.content | trim ~ "<end_of_turn>\n" }}
{%- endfor %}
{%- if add_generation_prompt %}
    {{- "<start_of_turn>model\n" }}
{%- endif %}
'''

# DeepSeek-R1-Distill shape: fullwidth-bar tokens ('<｜User｜>', '<｜Assistant｜>', '<｜tool▁calls▁begin｜>' ...); a
# namespace of flags (system text gathered by a filtered loop, inside a run of tool outputs, first output); only the
# text after '</think>' is kept for past assistant turns; tool calls in ```json fences; the generation prompt opens a
# <think> block unless the conversation ends in tool outputs; add_generation_prompt given a default.
DEEPSEEK_R1_STYLE = r'''{#- deepseek_r1_style: written for LoRA Workbench's tests, shaped like a DeepSeek-R1-Distill prompt. #}
{%- set add_generation_prompt = add_generation_prompt | default(false) %}
{%- set flags = namespace(system="", in_outputs=false, first_output=true) %}
{%- for message in messages if message.role == "system" %}
    {%- set flags.system = flags.system ~ message.content %}
{%- endfor %}
{{- bos_token ~ flags.system }}
{%- for message in messages %}
    {%- if message.role == "user" %}
        {{- "<｜User｜>" ~ message.content }}
    {%- elif message.role == "assistant" %}
        {%- if flags.in_outputs %}
            {{- "<｜tool▁outputs▁end｜>" }}
            {%- set flags.in_outputs = false %}
            {%- set flags.first_output = true %}
        {%- endif %}
        {%- set text = message.content if message.content is not none else "" %}
        {%- if "</think>" in text %}
            {%- set text = text.split("</think>") | last %}
        {%- endif %}
        {{- "<｜Assistant｜>" ~ text }}
        {%- for call in message.tool_calls | default([]) %}
            {{- "<｜tool▁calls▁begin｜>" if loop.first }}
            {%- set args = call["function"]["arguments"] %}
            {{- "<｜tool▁call▁begin｜>" ~ call["type"] ~ "<｜tool▁sep｜>" ~ call["function"]["name"] ~ "\n```json\n"
                ~ (args if args is string else args | tojson) ~ "\n```<｜tool▁call▁end｜>" }}
            {{- "<｜tool▁calls▁end｜>" if loop.last }}
        {%- endfor %}
        {{- "<｜end▁of▁sentence｜>" }}
    {%- elif message.role == "tool" %}
        {{- ("<｜tool▁outputs▁begin｜>" if flags.first_output else "\n") ~ "<｜tool▁output▁begin｜>" ~ message.content
            ~ "<｜tool▁output▁end｜>" }}
        {%- set flags.in_outputs = true %}
        {%- set flags.first_output = false %}
    {%- endif %}
{%- endfor %}
{%- if flags.in_outputs %}
    {{- "<｜tool▁outputs▁end｜>" }}
{%- elif add_generation_prompt %}
    {{- "<｜Assistant｜><think>\n" }}
{%- endif %}
'''

# Hermes 3 tool-use shape: a recursive macro turns a JSON schema into a Python type (list[...] from schema["items"],
# not the dict's items method; dict[str, ...] from additionalProperties; Union[...] for a list of types; a type it
# does not know and that is iterable, i.e. any other string, is walked character by character without end, which
# test_chat_template's recursionIsBounded relies on); a second macro with a default argument writes each argument's
# doc line; a dict literal printed through tojson; tool results grouped under one tool turn with loop.previtem and
# loop.nextitem; an undefined value joined with "~" prints as nothing.
HERMES3_STYLE = r'''{#- hermes3_style: written for LoRA Workbench's tests, shaped like a Hermes 3 tool-use prompt. #}
{%- macro py_type(schema) %}
    {%- set simple = {"string": "str", "number": "float", "integer": "int", "boolean": "bool"} %}
    {%- set kind = schema.type %}
    {%- if kind is string and kind in simple %}
        {{- simple[kind] }}
    {%- elif kind == "array" %}
        {{- "list[" ~ py_type(schema["items"] if schema["items"] is defined else {}) ~ "]" }}
    {%- elif kind == "object" %}
        {%- if schema.additionalProperties is defined %}
            {{- "dict[str, " ~ py_type(schema.additionalProperties) ~ "]" }}
        {%- else %}
            {{- "dict" }}
        {%- endif %}
    {%- elif kind is iterable %}
        {{- "Union[" }}
        {%- for member in kind %}
            {{- py_type({"type": member}) }}{{ ", " if not loop.last }}
        {%- endfor %}
        {{- "]" }}
    {%- else %}
        {{- "Any" }}
    {%- endif %}
{%- endmacro %}

{%- macro arg_doc(name, schema, indent=8) %}
    {{- " " * indent ~ name ~ " (" ~ py_type(schema) ~ "): " ~ schema.description | trim }}
{%- endmacro %}

{{- bos_token ~ "<|im_start|>system\n" }}
{{- "You can call functions; their signatures are inside <tools></tools>. Never guess an argument's value.\n<tools> " }}
{%- for tool in tools %}
    {%- set fn = tool.function if tool.function is defined else tool %}
    {%- set props = fn.parameters.properties %}
    {{- '{"type": "function", "function": {"name": "' ~ fn.name ~ '", "description": "' ~ fn.name ~ "(" }}
    {%- for pname, pschema in props | items %}
        {{- pname ~ ": " ~ py_type(pschema) }}{{ ", " if not loop.last }}
    {%- endfor %}
    {{- ")" ~ (" -> " ~ py_type(fn.return) if fn.return is defined) ~ " - " ~ fn.description ~ "\n\n" }}
    {%- for pname, pschema in props | items %}
        {{- "    Args:\n" if loop.first }}
        {{- arg_doc(pname, pschema) ~ ("\n" if not loop.last) }}
    {%- endfor %}
    {%- if fn.return is defined and fn.return.description is defined %}
        {{- "\n    Returns:\n" ~ arg_doc("result", fn.return, indent=8) }}
    {%- endif %}
    {{- '", "parameters": ' ~ (fn.parameters | tojson if props else "{}") ~ "}}" }}
    {{- "\n" if not loop.last }}
{%- endfor %}
{{- " </tools>\nEvery call must match this JSON schema: " }}
{{- {"title": "FunctionCall", "type": "object", "properties": {"name": {"type": "string"}, "arguments": {"type": "object"}},
     "required": ["name", "arguments"]} | tojson }}
{{- "\nWrite each call as a JSON object inside <tool_call></tool_call>:\n<tool_call>\n"
    ~ '{"name": <function-name>, "arguments": <args-dict>}\n</tool_call><|im_end|>\n' }}
{%- for message in messages %}
    {%- if message.role == "assistant" and message.tool_calls is defined %}
        {{- "<|im_start|>assistant" }}
        {%- if message.content %}{{ "\n" ~ message.content }}{% endif %}
        {%- for call in message.tool_calls %}
            {%- set fn = call.function if call.function is defined else call %}
            {{- '\n<tool_call>\n{"name": "' ~ fn.name ~ '"' }}
            {%- if fn.arguments is defined %}
                {{- ', "arguments": ' ~ (fn.arguments if fn.arguments is string else fn.arguments | tojson) }}
            {%- endif %}
            {{- "}\n</tool_call>" }}
        {%- endfor %}
        {{- "<|im_end|>\n" }}
    {%- elif message.role == "tool" %}
        {%- if not loop.previtem or loop.previtem.role != "tool" %}
            {{- "<|im_start|>tool\n" }}
        {%- endif %}
        {{- "<tool_response>\n" ~ message.content ~ "\n</tool_response>" }}
        {%- if loop.nextitem is defined and loop.nextitem.role == "tool" %}
            {{- "\n" }}
        {%- else %}
            {{- "<|im_end|>\n" }}
        {%- endif %}
    {%- else %}
        {{- "<|im_start|>" ~ message.role ~ "\n" ~ message.content ~ "<|im_end|>\n" }}
    {%- endif %}
{%- endfor %}
{%- if add_generation_prompt %}
    {{- "<|im_start|>assistant\n" }}
{%- endif %}
'''

# Synthetic: every statement, expression, filter, test and global core/chat implements, and all whitespace control.
KITCHEN_SINK = r'''{#- A synthetic template that exercises every construct LoRA Workbench's interpreter implements. -#}
{{- bos_token -}}
{%- set ns = namespace(turns=0, last_role=none, roles=[]) %}
{% macro header(role, suffix="\n", upper=false) -%}
<|{{ role | upper if upper else role }}|>{{ suffix }}
{%- endmacro %}
{%- macro show(value) %}[{{ value }}]{% endmacro -%}
== messages ==
{% for message in messages %}
  {%- set ns.turns = ns.turns + 1 %}
  {%- set ns.roles = ns.roles + [message.role] %}
  {% if message.role == "system" -%}
    {{ header("system", upper=true) }}{{ message.content | trim }}
  {%- elif message.role == "user" -%}
    {{ header(message.role) }}{{ message.content }}
  {%- elif message.role == "assistant" and message.tool_calls is defined -%}
    {{ header("assistant", suffix=": ") }}
    {%- for call in message.tool_calls -%}
      {%- set fn = call.function if call.function is defined else call %}
      {{- fn.name }}({% for k, v in fn.arguments | items %}{{ k }}={{ v | tojson }}{{ ", " if not loop.last }}{% endfor %})
      {%- if not loop.last %}; {% endif %}
    {%- endfor %}
  {%- elif message.role == "assistant" -%}
    {%- set content = message.content %}
    {%- if "</think>" in content %}
      {%- set reasoning = content.split("</think>")[0].split("<think>")[-1].strip("\n") %}
      {%- set content = content.split("</think>")[-1].lstrip("\n") %}
    {%- endif %}
    {{- header("assistant") }}{% if reasoning is defined %}(thought: {{ reasoning }}) {% endif %}{{ content }}
  {%- else -%}
    {{ header("tool") }}{{ message.content if message.content is string else message.content | tojson }}
  {%- endif %}
  {{- "\n" if not loop.last }}
  {%- set ns.last_role = message.role %}
{% else %}
(no messages)
{% endfor %}
== loop ==
{% for x in [10, 20, 30] -%}
{{ loop.index }}{{ loop.index0 }}{{ loop.first }}{{ loop.last }}{{ loop.length }}{{ loop.revindex }}{{ loop.revindex0 }}
{{- loop.previtem if loop.previtem is defined else "-" }}/{{ loop.nextitem | default("-") }}/{{ loop.cycle("odd", "even") }}
{% endfor %}
{% for n in range(10) if n is odd %}{% if n > 7 %}{% break %}{% endif %}{% if n == 3 %}{% continue %}{% endif %}{{ n }}{% endfor %}
{% for k, v in data.items() %}{{ k }}:{{ v is mapping }}{{ v is string }}{{ v is number }} {% endfor %}
{% for key in data | list | sort %}{{ key }}{{ "," if not loop.last }}{% endfor %}
{% for c in "héllo" %}{{ c }}.{% endfor %} {% for nothing in undefined_variable %}never{% else %}empty{% endfor %}
== expressions ==
{{ "tab\there" }} {{ 'quote\'s' }} {{ "uni\u00e9\x41" }} {{ 42 }} {{ -7 }} {{ 3.25 }} {{ 1e3 }} {{ 2.5e-5 }} {{ 0.1 + 0.2 }}
{{ true }} {{ False }} {{ none }} {{ None }} {{ [1, "two", 3.0, none, true] }} {{ {"k": "v", "n": [1, (2, 3)]} }} {{ (1,) }}
{{ 7 + 3 }} {{ 7 - 10 }} {{ 7 * 3 }} {{ 7 / 2 }} {{ 7 // 2 }} {{ -7 // 2 }} {{ 7 % 3 }} {{ -7 % 3 }} {{ 2 ** 10 }} {{ 2 ** -1 }} {{ 7.0 // 2 }}
{{ "a" ~ 1 ~ none ~ [2] }} {{ "ab" * 3 }} {{ [0] * 2 + [1] }} {{ "x" + "y" }}
{{ "%d|%5d|%-4i|%+d|%s|%.2f|%x|%05.1f|%r|% d" % (1e30, -3e19, 7, 2.9, "s", 3.14159, 255, 2.5, "q", -2.5) }} {{ "%.3d|%#d|%#x|%#o|%x|%07X|%-6o|%+.4d" % (2e19, 5, 255, 8, -255, -255, 8, -7) }}
{{ 1 < 2 }} {{ 2 <= 1 }} {{ 1 == 1.0 }} {{ "a" != "b" }} {{ 3 > 2 > 1 }} {{ [1, 2] == [1, 2] }} {{ "ell" in "hello" }} {{ 4 not in [1, 2] }} {{ "k" in {"k": 1} }}
{{ true and "yes" }} {{ 0 or "fallback" }} {{ not none }} {{ "a" if 1 > 2 else "b" }} {{ "c" if true }} [{{ "d" if false }}]
{{ data.name }} {{ data["name"] }} {{ data.nested.list[1] }} {{ data.nested["list"][-1] }} [{{ data.missing }}] {{ data.missing is defined }}
{{ data.text[1:4] }} {{ data.text[::-1] }} {{ data.text[-3:] }} {{ numbers[::2] }} {{ numbers[1:-1] }} {{ numbers[:2] }}
{{ "  pad  ".strip() }}|{{ "xxhixx".lstrip("x") }}|{{ "xxhixx".rstrip("x") }}|{{ "a,b,,c".split(",") }}|{{ " a  b ".split() }}
{{ data.text.startswith("hé") }} {{ data.text.endswith("x") }} {{ data.text.upper() }} {{ "MiXeD".lower() }} {{ "a-b".replace("-", "+") }} {{ "hello world".title() }} {{ "hELLO".capitalize() }}
{{ data.get("name") }} {{ data.get("nope", "default") }} {{ data.keys() | list }} {{ data.nested.values() | list | length }} {{ dict(b=2, a=1).items() | list }}
{{ [].append is defined }} [{{ "".__class__ }}] [{{ undefined_variable }}] {{ undefined_variable is undefined }} {{ undefined_variable | length }} {{ "yes" if undefined_variable else "falsy" }}
== filters ==
{{ "  trimmed  " | trim }}|{{ data | tojson }}|{{ data.nested | tojson(indent=2) }}|{{ data | tojson(sort_keys=true, separators=(",", ":")) }}|{{ data.text | tojson(ensure_ascii=true) }}
{{ numbers | length }} {{ numbers | count }} {{ data | items | list | length }} {{ "up" | upper }} {{ "LOW" | lower }} {{ "title me-now" | title }} {{ "cAP" | capitalize }}
{{ undefined_variable | default("dflt") }} {{ "" | default("empty", true) }} {{ 0 | d("zero", boolean=true) }} {{ none | default("kept") }}
{{ numbers | first }} {{ numbers | last }} {{ numbers | join("+") }} {{ "abc" | list }} {{ 12 | string }} {{ "42" | int + 1 }} {{ "3.5" | float }} {{ "x" | int(-1) }} {{ -3 | abs }} {{ 2.567 | round(2) }} {{ 2.5 | round }} {{ 7.1 | round(method="ceil") }}
{{ "a-b-c" | replace("-", "", 1) }} {{ messages | selectattr("role", "equalto", "user") | list | length }} {{ messages | rejectattr("tool_calls", "defined") | map(attribute="role") | join(",") }}
{{ messages | selectattr("tool_calls", "undefined") | list | length }} {{ messages | map(attribute="role") | unique | list }} {{ [3, 1, 2] | reverse | list }} {{ people | sort(attribute="age") | map(attribute="name") | join(" ") }}
{{ "line1\nline2\n\nline4" | indent(2) }}|{{ "a\nb" | indent(width=3, first=true) }}|{{ "<b>" | safe }} {{ "<a href='x'>&\"" | e }} {{ "<i>" | escape }} {{ "one two, three" | wordcount }}
{{ ["b", "A", "c"] | sort }} {{ ["b", "A", "c"] | sort(reverse=true, case_sensitive=true) }} {{ [1, 2, 3, 4] | select("even") | list }} {{ [1, 2, 3] | reject("odd") | list }} {{ ["a", "b"] | map("upper") | list }} {{ [1, 2, 3] | sum }} {{ [4, 9, 2] | max }}
== tests ==
{{ x is defined }} {{ x is undefined }} {{ none is none }} {{ "s" is string }} {{ 1 is number }} {{ 1 is integer }} {{ 1.5 is float }} {{ data is mapping }} {{ numbers is iterable }} {{ "s" is sequence }}
{{ true is boolean }} {{ true is true }} {{ false is false }} {{ 4 is even }} {{ 5 is odd }} {{ 3 is equalto 3 }} {{ 3 is eq 4 }} {{ 3 is ne 4 }} {{ 2 is in [1, 2] }} {{ "abc" is lower }} {{ "ABC" is upper }} {{ 12 is divisibleby 4 }} {{ none is sameas none }}
== globals ==
{{ range(3) | list }} {{ range(1, 10, 4) | list }} {{ dict(a=1) }} {{ namespace(x=1).x }} {{ strftime_now("%Y") | length }}
{%- set block_var %}
  captured {{ ns.turns }} turns
{% endset %}
{% set shouted | upper %}quiet{% endset %}
{{ block_var }}{{ shouted }} {{ show(ns.roles) }} {{ show(ns.last_role) }}
{% filter upper %}filtered {{ "text" }}{% endfilter %}

{% raw %}{{ raw }} {% if %}{% endraw %}
{% with a = 1, b = 2 %}{{ a + b }}{% endwith %}
    {%+ if true %}kept indentation{% endif +%}
    {% if true %}stripped indentation{% endif %}
trailing{{- "   " -}}   spaces {#- a comment -#}   gone
{%- if tools %}
tools: {{ tools | map(attribute="function.name") | join(", ") }}
{%- endif %}
{%- if enable_thinking is defined and enable_thinking is false %}
thinking off
{%- endif %}
{%- if add_generation_prompt %}
{{ header("assistant") }}
{%- endif %}
{{- eos_token }}
'''

TEMPLATES = {
    "llama3_style": ("Llama 3.0 shape (written for this project)", LLAMA3_STYLE),
    "llama31_style": ("Llama 3.1 shape: dated system header, tools, builtin tools, ipython (written for this project)",
                      LLAMA31_STYLE),
    "llama32_style": ("Llama 3.2 shape: strftime_now date header, tools (written for this project)", LLAMA32_STYLE),
    "qwen25_style": ("Qwen2.5 shape: <tools>, <tool_call>, grouped tool responses (written for this project)",
                     QWEN25_STYLE),
    "qwen3_style": ("Qwen3 shape: enable_thinking, reasoning_content, multi-step tools (written for this project)",
                    QWEN3_STYLE),
    "mistral_v1_style": ("Mistral v0.1 / v0.2 shape (written for this project)", MISTRAL_V1_STYLE),
    "mistral_v3_style": ("Mistral v0.3 shape: tools, [TOOL_CALLS] (written for this project)", MISTRAL_V3_STYLE),
    "mistral_nemo_style": ("Mistral Nemo shape: tools, [TOOL_CALLS] (written for this project)", MISTRAL_NEMO_STYLE),
    "chatml_style": ("ChatML (written for this project)", CHATML_STYLE),
    "phi35_style": ("Phi-3.5 shape (written for this project)", PHI35_STYLE),
    "gemma2_style": ("Gemma 2 shape: model role, strict alternation (written for this project)", GEMMA2_STYLE),
    "deepseek_r1_style": ("DeepSeek-R1-Distill shape: think blocks, tool calls (written for this project)",
                          DEEPSEEK_R1_STYLE),
    "hermes3_style": ("Hermes 3 tool-use shape: recursive macros over JSON schema (written for this project)",
                      HERMES3_STYLE),
    "kitchen_sink": ("synthetic: every construct of the interpreter", KITCHEN_SINK),
}

# Each family's special tokens (None: the family has none).
SPECIAL_TOKENS = {
    "llama3_style": ("<|begin_of_text|>", "<|eot_id|>"),
    "llama31_style": ("<|begin_of_text|>", "<|eot_id|>"),
    "llama32_style": ("<|begin_of_text|>", "<|eot_id|>"),
    "qwen25_style": (None, "<|im_end|>"),
    "qwen3_style": (None, "<|im_end|>"),
    "mistral_v1_style": ("<s>", "</s>"),
    "mistral_v3_style": ("<s>", "</s>"),
    "mistral_nemo_style": ("<s>", "</s>"),
    "chatml_style": (None, "<|im_end|>"),
    "phi35_style": ("<s>", "<|endoftext|>"),
    "gemma2_style": ("<bos>", "<eos>"),
    "deepseek_r1_style": ("<｜begin▁of▁sentence｜>", "<｜end▁of▁sentence｜>"),
    "hermes3_style": ("<|begin_of_text|>", "<|im_end|>"),
    "kitchen_sink": ("<s>", "</s>"),
}

# --------------------------------------------------------------------------------------------------------------------
# Conversations.

SYSTEM = {"role": "system", "content": "You are a concise assistant.\nAnswer in one sentence."}
USER_1 = {"role": "user", "content": "What is the capital of France?"}
ASSISTANT_1 = {"role": "assistant", "content": "The capital of France is Paris."}
USER_2 = {"role": "user", "content": "  And of Japan? Answer with \"quotes\", 'apostrophes' and a \\ backslash.  \n"}
UNICODE = {"role": "user", "content": "Ünïcödé — 日本語, emoji 😀, tab\there,\nline two\n\n  indented line four"}

BASIC = [SYSTEM, USER_1, ASSISTANT_1, USER_2]
NO_SYSTEM = [USER_1, ASSISTANT_1, USER_2]
SINGLE = [UNICODE]

WEATHER_TOOL = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "Get the current weather in a city.",
        "parameters": {
            "type": "object",
            "properties": {
                "city": {"type": "string", "description": "The city, e.g. Paris"},
                "unit": {"type": "string", "enum": ["celsius", "fahrenheit"], "description": "Temperature unit"},
                "days": {"type": "integer", "description": "Days of forecast"},
            },
            "required": ["city"],
        },
    },
}
TIME_TOOL = {
    "type": "function",
    "function": {
        "name": "get_time",
        "description": "Current time in a time zone.",
        "parameters": {
            "type": "object",
            "properties": {
                "zone": {"type": "string", "description": "IANA zone"},
                "formats": {"type": "array", "items": {"type": "string"}, "description": "Formats wanted"},
                "options": {"type": "object", "additionalProperties": {"type": "boolean"}, "description": "Flags"},
                "precision": {"type": ["integer", "number"], "description": "Digits"},
            },
            "required": ["zone"],
        },
        "return": {"type": "string", "description": "The time"},
    },
}
TOOLS = [WEATHER_TOOL, TIME_TOOL]

CALL_ID = "call12345"  # Mistral wants exactly nine alphanumeric characters
WEATHER_CALL = {"id": CALL_ID, "type": "function",
                "function": {"name": "get_weather", "arguments": {"city": "Paris", "unit": "celsius"}}}
TOOL_TURNS = [
    {"role": "user", "content": "What's the weather in Paris?"},
    {"role": "assistant", "content": "", "tool_calls": [WEATHER_CALL]},
    {"role": "tool", "tool_call_id": CALL_ID, "name": "get_weather", "content": "{\"temperature\": 18, \"sky\": \"clear\"}"},
    {"role": "assistant", "content": "It is 18 °C and clear in Paris."},
]
TWO_CALLS = [
    {"role": "user", "content": "Weather in Paris and the time in Tokyo?"},
    {"role": "assistant", "content": "Let me check both.", "tool_calls": [
        WEATHER_CALL,
        {"id": "call67890", "type": "function", "function": {"name": "get_time", "arguments": "{\"zone\": \"Asia/Tokyo\"}"}},
    ]},
    {"role": "tool", "tool_call_id": CALL_ID, "content": "18 C"},
    {"role": "tool", "tool_call_id": "call67890", "content": "21:04"},
    {"role": "assistant", "content": "18 °C in Paris; 21:04 in Tokyo."},
]
THINKING = [
    SYSTEM,
    {"role": "user", "content": "Is 91 prime?"},
    {"role": "assistant", "content": "<think>\n91 = 7 * 13.\n</think>\n\nNo, 91 = 7 × 13."},
    {"role": "user", "content": "And 97?"},
    {"role": "assistant", "content": "Yes, 97 is prime.", "reasoning_content": "Check 2, 3, 5, 7: none divide 97."},
]
QWEN3_MULTI_STEP = [
    {"role": "user", "content": "Plan my day in Paris."},
    {"role": "assistant", "content": "<think>\nNeed weather first.\n</think>\n\n", "tool_calls": [WEATHER_CALL]},
    {"role": "tool", "content": "sunny"},
    {"role": "user", "content": "<tool_response>\nextra data\n</tool_response>"},
    {"role": "assistant", "content": "Go for a walk.", "reasoning_content": "Sunny, so outdoors."},
]
HERMES_TURNS = [
    {"role": "user", "content": "Weather in Paris?"},
    {"role": "assistant", "tool_calls": [WEATHER_CALL]},
    {"role": "tool", "name": "get_weather", "content": "18 C"},
    {"role": "assistant", "content": "18 °C."},
]
DEEPSEEK_TURNS = [
    {"role": "system", "content": "Think step by step."},
    {"role": "user", "content": "2 + 2?"},
    {"role": "assistant", "content": "<think>\nEasy.\n</think>\n\n4"},
    {"role": "user", "content": "Call a tool."},
    {"role": "assistant", "content": "Calling.", "tool_calls": [{"type": "function", "function": {"name": "calc", "arguments": "{\"x\": 1}"}}]},
    {"role": "tool", "content": "1"},
    {"role": "tool", "content": "2"},
    {"role": "assistant", "content": "Done."},
]
KITCHEN_MESSAGES = [
    {"role": "system", "content": "  Be brief.  "},
    {"role": "user", "content": "What is 2+2?"},
    {"role": "assistant", "content": "<think>\nadd them\n</think>\n\n4"},
    {"role": "assistant", "tool_calls": [
        {"type": "function", "function": {"name": "calc", "arguments": {"expr": "2+2", "exact": True}}},
        {"name": "log", "arguments": {"n": 1}},
    ]},
    {"role": "tool", "content": {"result": 4}},
    {"role": "tool", "content": "done"},
    {"role": "user", "content": "Thanks"},
]
KITCHEN_EXTRA = {
    "data": {"name": "Ada", "text": "héllo wörld", "nested": {"list": [1, 2, 3], "flag": False, "z": None}, "pi": 3.14},
    "numbers": [1, 2.5, 3, 4.0],
    "people": [{"name": "B", "age": 30}, {"name": "A", "age": 25}],
}

NEMO_STRUCTURED_RESULT = [
    SYSTEM,
    {"role": "user", "content": "What's the weather in Paris?"},
    {"role": "assistant", "tool_calls": [WEATHER_CALL]},
    {"role": "tool", "tool_call_id": CALL_ID, "content": {"content": {"temperature": 18, "sky": "clear", "rain": None}}},
    {"role": "assistant", "content": "Clear, 18 °C."},
]
DEEPSEEK_ENDS_IN_TOOLS = DEEPSEEK_TURNS[:-1]

# (name, template, messages, options): options may hold tools, add_generation_prompt and extra template variables.
CASES = [
    ("llama3_style/basic", "llama3_style", BASIC, {}),
    ("llama3_style/no_system_prompt", "llama3_style", NO_SYSTEM, {"add_generation_prompt": True}),
    ("llama3_style/unicode", "llama3_style", SINGLE, {"add_generation_prompt": True}),
    ("llama31_style/basic", "llama31_style", BASIC, {"add_generation_prompt": True}),
    ("llama31_style/date_string", "llama31_style", NO_SYSTEM, {"date_string": "01 Mar 2025"}),
    ("llama31_style/tools_in_user_message", "llama31_style", TOOL_TURNS, {"tools": TOOLS, "date_string": "01 Mar 2025"}),
    ("llama31_style/tools_in_system", "llama31_style", [SYSTEM] + TOOL_TURNS,
     {"tools": TOOLS, "tools_in_user_message": False, "add_generation_prompt": True}),
    ("llama31_style/custom_tools", "llama31_style", [SYSTEM] + NO_SYSTEM, {"custom_tools": [TIME_TOOL]}),
    ("llama31_style/builtin_tools", "llama31_style", [
        {"role": "user", "content": "Search for LoRA."},
        {"role": "assistant", "tool_calls": [{"type": "function", "function": {"name": "brave_search", "arguments": {"query": "LoRA rank"}}}]},
        {"role": "ipython", "content": {"results": ["LoRA: low-rank adaptation"]}},
    ], {"builtin_tools": ["brave_search", "wolfram_alpha", "code_interpreter"], "add_generation_prompt": True}),
    ("llama32_style/basic", "llama32_style", BASIC, {"date_string": "26 Jul 2024", "add_generation_prompt": True}),
    ("llama32_style/tools", "llama32_style", TOOL_TURNS, {"tools": [WEATHER_TOOL], "date_string": "02 Jan 2025"}),
    ("llama32_style/tools_in_system", "llama32_style", [SYSTEM] + TOOL_TURNS,
     {"tools": TOOLS, "tools_in_user_message": False, "date_string": "02 Jan 2025", "add_generation_prompt": True}),
    ("qwen25_style/basic", "qwen25_style", BASIC, {"add_generation_prompt": True}),
    ("qwen25_style/default_system_prompt", "qwen25_style", NO_SYSTEM, {}),
    ("qwen25_style/tools", "qwen25_style", TOOL_TURNS, {"tools": TOOLS, "add_generation_prompt": True}),
    ("qwen25_style/two_tool_calls", "qwen25_style", [SYSTEM] + TWO_CALLS, {"tools": TOOLS}),
    ("qwen3_style/basic", "qwen3_style", BASIC, {"add_generation_prompt": True}),
    ("qwen3_style/thinking_disabled", "qwen3_style", NO_SYSTEM, {"add_generation_prompt": True, "enable_thinking": False}),
    ("qwen3_style/thinking_enabled", "qwen3_style", NO_SYSTEM, {"add_generation_prompt": True, "enable_thinking": True}),
    ("qwen3_style/reasoning_content", "qwen3_style", THINKING, {}),
    ("qwen3_style/tools", "qwen3_style", TOOL_TURNS, {"tools": TOOLS}),
    ("qwen3_style/two_tool_calls", "qwen3_style", TWO_CALLS, {"tools": TOOLS, "add_generation_prompt": True}),
    ("qwen3_style/multi_step_tools", "qwen3_style", QWEN3_MULTI_STEP, {"tools": [WEATHER_TOOL]}),
    ("mistral_v1_style/basic", "mistral_v1_style", NO_SYSTEM + [ASSISTANT_1], {}),
    ("mistral_v1_style/unicode", "mistral_v1_style", SINGLE, {}),
    ("mistral_v3_style/system", "mistral_v3_style", BASIC, {}),
    ("mistral_v3_style/tools", "mistral_v3_style", TOOL_TURNS, {"tools": TOOLS}),
    ("mistral_v3_style/two_tool_calls", "mistral_v3_style", TWO_CALLS, {"tools": [WEATHER_TOOL]}),
    ("mistral_nemo_style/system", "mistral_nemo_style", BASIC, {}),
    ("mistral_nemo_style/tools", "mistral_nemo_style", [SYSTEM] + TOOL_TURNS, {"tools": TOOLS}),
    ("mistral_nemo_style/structured_tool_result", "mistral_nemo_style", NEMO_STRUCTURED_RESULT, {"tools": [WEATHER_TOOL]}),
    ("chatml_style/basic", "chatml_style", BASIC, {"add_generation_prompt": True}),
    ("chatml_style/unicode", "chatml_style", SINGLE, {}),
    ("phi35_style/basic", "phi35_style", BASIC, {"add_generation_prompt": True}),
    ("phi35_style/no_generation_prompt", "phi35_style", NO_SYSTEM + [ASSISTANT_1], {}),
    ("phi35_style/empty_system", "phi35_style", [{"role": "system", "content": ""}] + NO_SYSTEM, {}),
    ("gemma2_style/basic", "gemma2_style", NO_SYSTEM, {"add_generation_prompt": True}),
    ("gemma2_style/unicode", "gemma2_style", SINGLE, {}),
    ("deepseek_r1_style/basic", "deepseek_r1_style", BASIC, {"add_generation_prompt": True}),
    ("deepseek_r1_style/think_and_tools", "deepseek_r1_style", DEEPSEEK_TURNS, {"add_generation_prompt": True}),
    ("deepseek_r1_style/ends_in_tool_outputs", "deepseek_r1_style", DEEPSEEK_ENDS_IN_TOOLS, {"add_generation_prompt": True}),
    ("hermes3_style/tools", "hermes3_style", HERMES_TURNS, {"tools": TOOLS, "add_generation_prompt": True}),
    ("hermes3_style/two_tool_calls", "hermes3_style", [SYSTEM] + TWO_CALLS, {"tools": TOOLS}),
    ("kitchen_sink/full", "kitchen_sink", KITCHEN_MESSAGES,
     dict(KITCHEN_EXTRA, tools=[{"type": "function", "function": {"name": "calc", "parameters": {}}}],
          add_generation_prompt=True, enable_thinking=False)),
    ("kitchen_sink/system_only", "kitchen_sink", [SYSTEM], dict(KITCHEN_EXTRA)),
    ("kitchen_sink/user_only", "kitchen_sink", [UNICODE], dict(KITCHEN_EXTRA, enable_thinking=True)),
]

# Rendering must fail; transformers' message is stored and the C++ error must contain it.
ERROR_CASES = [
    ("gemma2_style/roles_must_alternate", "gemma2_style", [USER_1, USER_2], {}),
    ("gemma2_style/system_not_supported", "gemma2_style", BASIC, {}),
    ("mistral_v1_style/roles_must_alternate", "mistral_v1_style", [USER_1, ASSISTANT_1, ASSISTANT_1], {}),
    ("mistral_v1_style/system_not_supported", "mistral_v1_style", [USER_1, SYSTEM], {}),
    ("mistral_v3_style/bad_tool_call_id", "mistral_v3_style", [
        {"role": "user", "content": "Weather?"},
        {"role": "assistant", "tool_calls": [dict(WEATHER_CALL, id="short")]},
    ], {"tools": [WEATHER_TOOL]}),
    ("mistral_v3_style/roles_must_alternate", "mistral_v3_style", [SYSTEM, USER_1, USER_2], {}),
    ("mistral_nemo_style/roles_must_alternate", "mistral_nemo_style", [SYSTEM, USER_1, USER_2], {}),
    ("mistral_nemo_style/unsupported_role", "mistral_nemo_style", [USER_1, {"role": "critic", "content": "Hm."}], {}),
    ("mistral_nemo_style/tool_result_without_id", "mistral_nemo_style", [
        USER_1, {"role": "assistant", "tool_calls": [WEATHER_CALL]}, {"role": "tool", "content": "18 C"},
    ], {"tools": [WEATHER_TOOL]}),
    ("llama31_style/single_tool_call_only", "llama31_style", [SYSTEM] + TWO_CALLS, {"tools": TOOLS}),
    ("llama31_style/no_user_message_for_tools", "llama31_style", [SYSTEM], {"tools": TOOLS}),
    ("llama32_style/single_tool_call_only", "llama32_style", TWO_CALLS, {"tools": TOOLS, "date_string": "02 Jan 2025"}),
    ("llama32_style/no_user_message_for_tools", "llama32_style", [SYSTEM], {"tools": TOOLS, "date_string": "02 Jan 2025"}),
    ("kitchen_sink/missing_data", "kitchen_sink", [USER_1], {}),
]

# --------------------------------------------------------------------------------------------------------------------


def fail(message):
    print(f"error: {message}", file=sys.stderr)
    return 2


def make_tokenizer(name, transformers):
    from tokenizers import Tokenizer, models

    bos, eos = SPECIAL_TOKENS[name]
    backend = Tokenizer(models.WordLevel({"<unk>": 0}, unk_token="<unk>"))
    special = {k: v for k, v in (("bos_token", bos), ("eos_token", eos)) if v is not None}
    return transformers.PreTrainedTokenizerFast(tokenizer_object=backend, chat_template=TEMPLATES[name][1], **special)


class ContextCapture:
    """Records the variables transformers passes to jinja2's Template.render."""

    def __init__(self, jinja2):
        self.template_class = jinja2.environment.Template
        self.original = self.template_class.render
        self.captured = None

    def __enter__(self):
        capture = self

        def render(template, *args, **kwargs):
            capture.captured = dict(*args, **kwargs)
            return capture.original(template, *args, **kwargs)

        self.template_class.render = render
        return self

    def __exit__(self, *exc):
        self.template_class.render = self.original


def render(name, messages, options, transformers, jinja2):
    tok = make_tokenizer(name, transformers)
    options = dict(options)
    tools = options.pop("tools", None)
    generation = options.pop("add_generation_prompt", False)
    with ContextCapture(jinja2) as capture:
        try:
            text = tok.apply_chat_template(json.loads(json.dumps(messages)), tools=tools, add_generation_prompt=generation,
                                           tokenize=False, **options)
            error = None
        except Exception as e:  # noqa: BLE001 - the error cases want transformers' message whatever its type
            text, error = None, e
    return text, error, capture.captured


def main():
    parser = argparse.ArgumentParser(description="Make the chat template reference fixture with HF transformers.")
    parser.add_argument("out", nargs="?", default=DEFAULT_OUT)
    args = parser.parse_args()
    try:
        import jinja2
        import tokenizers  # noqa: F401 - the tiny tokenizer the chat template is attached to
        import transformers
        from transformers.utils.chat_template_utils import _compile_jinja_template
    except ImportError as e:
        return fail(f"{e}. Run: bash tests/reference/setup-venv.sh")

    problems = []
    cases, error_cases = [], []
    for case_name, template, messages, options in CASES:
        text, error, context = render(template, messages, options, transformers, jinja2)
        if error is not None:
            problems.append(f"{case_name}: transformers failed: {error}")
            continue
        stored = json.loads(json.dumps(context, ensure_ascii=False))
        again = _compile_jinja_template(TEMPLATES[template][1]).render(**stored)
        if again != text:
            problems.append(f"{case_name}: rendering the stored context gives other text than apply_chat_template")
        cases.append({"name": case_name, "template": template, "context": stored, "expected": text})
        print(f"ok   {case_name}: {len(text)} characters")
    for case_name, template, messages, options in ERROR_CASES:
        text, error, context = render(template, messages, options, transformers, jinja2)
        if error is None:
            problems.append(f"{case_name}: expected an error, transformers rendered {len(text)} characters")
            continue
        stored = json.loads(json.dumps(context, ensure_ascii=False))
        error_cases.append({"name": case_name, "template": template, "context": stored, "expected_error": str(error)})
        print(f"ok   {case_name}: {type(error).__name__}: {error}")

    output = {
        "versions": {"transformers": transformers.__version__, "jinja2": jinja2.__version__, "made_by": MADE_BY},
        "templates": {name: {"family": family, "source": source} for name, (family, source) in TEMPLATES.items()},
        "cases": cases,
        "error_cases": error_cases,
    }
    text = json.dumps(output, ensure_ascii=False, indent=1) + "\n"
    size = len(text.encode("utf-8"))
    if size >= MAX_BYTES:
        problems.append(f"the fixture is {size} bytes, over the {MAX_BYTES} limit")
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print(f"wrote {args.out}: {len(cases)} cases, {len(error_cases)} error cases, {size} bytes "
          f"(transformers {transformers.__version__}, jinja2 {jinja2.__version__})")
    for p in problems:
        print(f"FAIL {p}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
