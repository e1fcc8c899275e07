"""The request that names a beta in `anthropic-beta`: `BetaMessageCreateParams`, validated by
`BETA_REQUEST`. Imported on the first such request: building it costs as much as the standard one.

Transcribed from anthropic==2.15.0's request types. Do not edit: run scripts/gen_anthropic_contract.py
(make contract).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, Tag, TypeAdapter, with_config
from typing_extensions import Required, TypedDict

from mockgw.wire.contract import STRICT, DefaultTag, OneTag, Open, by_kind

SDK_VERSION = "2.15.0"


@with_config(STRICT)
class BetaAdvisorRedactedResultBlockParam(TypedDict, total=False):
    type: Required[Literal["advisor_redacted_result"]]
    encrypted_content: Required[str]
    stop_reason: str | None


@with_config(STRICT)
class BetaAdvisorResultBlockParam(TypedDict, total=False):
    type: Required[Literal["advisor_result"]]
    text: Required[str]
    stop_reason: str | None


@with_config(STRICT)
class BetaAdvisorToolResultErrorParam(TypedDict, total=False):
    type: Required[Literal["advisor_tool_result_error"]]
    error_code: Required[
        Literal[
            "max_uses_exceeded",
            "prompt_too_long",
            "too_many_requests",
            "overloaded",
            "unavailable",
            "execution_time_exceeded",
            "model_not_found",
        ]
    ]


@with_config(STRICT)
class BetaCacheControlEphemeralParam(TypedDict, total=False):
    type: Required[Literal["ephemeral"]]
    ttl: Literal["5m", "1h"]


@with_config(STRICT)
class BetaAdvisorToolResultBlockParam(TypedDict, total=False):
    type: Required[Literal["advisor_tool_result"]]
    content: Required[BetaAdvisorToolResultBlockContent]
    tool_use_id: Required[str]
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None


@with_config(STRICT)
class BetaBashCodeExecutionOutputBlockParam(TypedDict, total=False):
    type: Required[Literal["bash_code_execution_output"]]
    file_id: Required[str]


@with_config(STRICT)
class BetaBashCodeExecutionResultBlockParam(TypedDict, total=False):
    type: Required[Literal["bash_code_execution_result"]]
    content: Required[list[BetaBashCodeExecutionOutputBlockParam]]
    return_code: Required[int]
    stderr: Required[str]
    stdout: Required[str]


@with_config(STRICT)
class BetaBashCodeExecutionToolResultErrorParam(TypedDict, total=False):
    type: Required[Literal["bash_code_execution_tool_result_error"]]
    error_code: Required[
        Literal[
            "invalid_tool_input",
            "unavailable",
            "too_many_requests",
            "execution_time_exceeded",
            "output_file_too_large",
        ]
    ]


@with_config(STRICT)
class BetaBashCodeExecutionToolResultBlockParam(TypedDict, total=False):
    type: Required[Literal["bash_code_execution_tool_result"]]
    content: Required[BetaBashCodeExecutionToolResultBlockContent]
    tool_use_id: Required[str]
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None


@with_config(STRICT)
class BetaCodeExecutionOutputBlockParam(TypedDict, total=False):
    type: Required[Literal["code_execution_output"]]
    file_id: Required[str]


@with_config(STRICT)
class BetaCodeExecutionResultBlockParam(TypedDict, total=False):
    type: Required[Literal["code_execution_result"]]
    content: Required[list[BetaCodeExecutionOutputBlockParam]]
    return_code: Required[int]
    stderr: Required[str]
    stdout: Required[str]


@with_config(STRICT)
class BetaCodeExecutionToolResultErrorParam(TypedDict, total=False):
    type: Required[Literal["code_execution_tool_result_error"]]
    error_code: Required[
        Literal["invalid_tool_input", "unavailable", "too_many_requests", "execution_time_exceeded"]
    ]


@with_config(STRICT)
class BetaEncryptedCodeExecutionResultBlockParam(TypedDict, total=False):
    type: Required[Literal["encrypted_code_execution_result"]]
    content: Required[list[BetaCodeExecutionOutputBlockParam]]
    encrypted_stdout: Required[str]
    return_code: Required[int]
    stderr: Required[str]


@with_config(STRICT)
class BetaCodeExecutionToolResultBlockParam(TypedDict, total=False):
    type: Required[Literal["code_execution_tool_result"]]
    content: Required[BetaCodeExecutionToolResultBlockContent]
    tool_use_id: Required[str]
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None


@with_config(STRICT)
class BetaToolChangeMCPToolReferenceParam(TypedDict, total=False):
    type: Required[Literal["mcp_tool_reference"]]
    name: Required[str]
    server_name: Required[str]


@with_config(STRICT)
class BetaToolChangeMCPToolsetReferenceParam(TypedDict, total=False):
    type: Required[Literal["mcp_toolset_reference"]]
    server_name: Required[str]


@with_config(STRICT)
class BetaAdvisorTool20260301Param(TypedDict, total=False):
    type: Required[Literal["advisor_20260301"]]
    model: Required[str]
    name: Required[Literal["advisor"]]
    allowed_callers: list[
        Literal["direct", "code_execution_20250825", "code_execution_20260120", "code_execution_20260521"]
    ]
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None
    caching: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None
    defer_loading: bool
    max_tokens: int | None
    max_uses: int | None
    strict: bool


@with_config(STRICT)
class BetaToolBash20241022Param(TypedDict, total=False):
    type: Required[Literal["bash_20241022"]]
    name: Required[Literal["bash"]]
    allowed_callers: list[
        Literal["direct", "code_execution_20250825", "code_execution_20260120", "code_execution_20260521"]
    ]
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None
    defer_loading: bool
    input_examples: list[dict[str, Any]]
    strict: bool


@with_config(STRICT)
class BetaToolBash20250124Param(TypedDict, total=False):
    type: Required[Literal["bash_20250124"]]
    name: Required[Literal["bash"]]
    allowed_callers: list[
        Literal["direct", "code_execution_20250825", "code_execution_20260120", "code_execution_20260521"]
    ]
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None
    defer_loading: bool
    input_examples: list[dict[str, Any]]
    strict: bool


@with_config(STRICT)
class BetaBrowserTypeConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BetaBrowserCloseTabConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BetaBrowserDoubleClickConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BetaBrowserFileUploadConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BetaBrowserFindConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BetaBrowserFormInputConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BetaBrowserGetPageTextConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BetaBrowserHoldKeyConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BetaBrowserHoverConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BetaBrowserJavascriptExecConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BetaBrowserKeyConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BetaBrowserLeftClickConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BetaBrowserLeftClickDragConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BetaBrowserLeftMouseDownConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BetaBrowserLeftMouseUpConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BetaBrowserListTabsConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BetaBrowserMiddleClickConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BetaBrowserMouseMoveConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BetaBrowserNavigateConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BetaBrowserNewTabConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BetaBrowserReadConsoleConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BetaBrowserReadNetworkConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BetaBrowserReadPageConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BetaBrowserRightClickConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BetaBrowserScreenshotConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BetaBrowserScrollConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BetaBrowserScrollToConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BetaBrowserSwitchTabConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BetaBrowserTripleClickConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BetaBrowserWaitConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BetaBrowserZoomConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BetaBrowserToolsetConfigsParam(TypedDict, total=False):
    type: BetaBrowserTypeConfigParam | None
    close_tab: BetaBrowserCloseTabConfigParam | None
    double_click: BetaBrowserDoubleClickConfigParam | None
    file_upload: BetaBrowserFileUploadConfigParam | None
    find: BetaBrowserFindConfigParam | None
    form_input: BetaBrowserFormInputConfigParam | None
    get_page_text: BetaBrowserGetPageTextConfigParam | None
    hold_key: BetaBrowserHoldKeyConfigParam | None
    hover: BetaBrowserHoverConfigParam | None
    javascript_exec: BetaBrowserJavascriptExecConfigParam | None
    key: BetaBrowserKeyConfigParam | None
    left_click: BetaBrowserLeftClickConfigParam | None
    left_click_drag: BetaBrowserLeftClickDragConfigParam | None
    left_mouse_down: BetaBrowserLeftMouseDownConfigParam | None
    left_mouse_up: BetaBrowserLeftMouseUpConfigParam | None
    list_tabs: BetaBrowserListTabsConfigParam | None
    middle_click: BetaBrowserMiddleClickConfigParam | None
    mouse_move: BetaBrowserMouseMoveConfigParam | None
    navigate: BetaBrowserNavigateConfigParam | None
    new_tab: BetaBrowserNewTabConfigParam | None
    read_console: BetaBrowserReadConsoleConfigParam | None
    read_network: BetaBrowserReadNetworkConfigParam | None
    read_page: BetaBrowserReadPageConfigParam | None
    right_click: BetaBrowserRightClickConfigParam | None
    screenshot: BetaBrowserScreenshotConfigParam | None
    scroll: BetaBrowserScrollConfigParam | None
    scroll_to: BetaBrowserScrollToConfigParam | None
    switch_tab: BetaBrowserSwitchTabConfigParam | None
    triple_click: BetaBrowserTripleClickConfigParam | None
    wait: BetaBrowserWaitConfigParam | None
    zoom: BetaBrowserZoomConfigParam | None


@with_config(STRICT)
class BetaBrowserToolset20260801Param(TypedDict, total=False):
    type: Required[Literal["browser_toolset_20260801"]]
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None
    configs: BetaBrowserToolsetConfigsParam | None


@with_config(STRICT)
class BetaCodeExecutionTool20250522Param(TypedDict, total=False):
    type: Required[Literal["code_execution_20250522"]]
    name: Required[Literal["code_execution"]]
    allowed_callers: list[
        Literal["direct", "code_execution_20250825", "code_execution_20260120", "code_execution_20260521"]
    ]
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None
    defer_loading: bool
    strict: bool


@with_config(STRICT)
class BetaCodeExecutionTool20250825Param(TypedDict, total=False):
    type: Required[Literal["code_execution_20250825"]]
    name: Required[Literal["code_execution"]]
    allowed_callers: list[
        Literal["direct", "code_execution_20250825", "code_execution_20260120", "code_execution_20260521"]
    ]
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None
    defer_loading: bool
    strict: bool


@with_config(STRICT)
class BetaCodeExecutionTool20260120Param(TypedDict, total=False):
    type: Required[Literal["code_execution_20260120"]]
    name: Required[Literal["code_execution"]]
    allowed_callers: list[
        Literal["direct", "code_execution_20250825", "code_execution_20260120", "code_execution_20260521"]
    ]
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None
    defer_loading: bool
    strict: bool


@with_config(STRICT)
class BetaCodeExecutionTool20260521Param(TypedDict, total=False):
    type: Required[Literal["code_execution_20260521"]]
    name: Required[Literal["code_execution"]]
    allowed_callers: list[
        Literal["direct", "code_execution_20250825", "code_execution_20260120", "code_execution_20260521"]
    ]
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None
    defer_loading: bool
    strict: bool


@with_config(STRICT)
class BetaToolComputerUse20241022Param(TypedDict, total=False):
    type: Required[Literal["computer_20241022"]]
    display_height_px: Required[int]
    display_width_px: Required[int]
    name: Required[Literal["computer"]]
    allowed_callers: list[
        Literal["direct", "code_execution_20250825", "code_execution_20260120", "code_execution_20260521"]
    ]
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None
    defer_loading: bool
    display_number: int | None
    input_examples: list[dict[str, Any]]
    strict: bool


@with_config(STRICT)
class BetaToolComputerUse20250124Param(TypedDict, total=False):
    type: Required[Literal["computer_20250124"]]
    display_height_px: Required[int]
    display_width_px: Required[int]
    name: Required[Literal["computer"]]
    allowed_callers: list[
        Literal["direct", "code_execution_20250825", "code_execution_20260120", "code_execution_20260521"]
    ]
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None
    defer_loading: bool
    display_number: int | None
    input_examples: list[dict[str, Any]]
    strict: bool


@with_config(STRICT)
class BetaToolComputerUse20251124Param(TypedDict, total=False):
    type: Required[Literal["computer_20251124"]]
    display_height_px: Required[int]
    display_width_px: Required[int]
    name: Required[Literal["computer"]]
    allowed_callers: list[
        Literal["direct", "code_execution_20250825", "code_execution_20260120", "code_execution_20260521"]
    ]
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None
    defer_loading: bool
    display_number: int | None
    enable_zoom: bool
    input_examples: list[dict[str, Any]]
    strict: bool


@with_config(STRICT)
class BetaComputerTypeConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BetaComputerCursorPositionConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BetaComputerDoubleClickConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BetaComputerHoldKeyConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BetaComputerKeyConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BetaComputerLeftClickConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BetaComputerLeftClickDragConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BetaComputerLeftMouseDownConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BetaComputerLeftMouseUpConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BetaComputerMiddleClickConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BetaComputerMouseMoveConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BetaComputerRightClickConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BetaComputerScreenshotConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BetaComputerScrollConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BetaComputerTripleClickConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BetaComputerWaitConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BetaComputerZoomConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BetaComputerToolsetConfigsParam(TypedDict, total=False):
    type: BetaComputerTypeConfigParam | None
    cursor_position: BetaComputerCursorPositionConfigParam | None
    double_click: BetaComputerDoubleClickConfigParam | None
    hold_key: BetaComputerHoldKeyConfigParam | None
    key: BetaComputerKeyConfigParam | None
    left_click: BetaComputerLeftClickConfigParam | None
    left_click_drag: BetaComputerLeftClickDragConfigParam | None
    left_mouse_down: BetaComputerLeftMouseDownConfigParam | None
    left_mouse_up: BetaComputerLeftMouseUpConfigParam | None
    middle_click: BetaComputerMiddleClickConfigParam | None
    mouse_move: BetaComputerMouseMoveConfigParam | None
    right_click: BetaComputerRightClickConfigParam | None
    screenshot: BetaComputerScreenshotConfigParam | None
    scroll: BetaComputerScrollConfigParam | None
    triple_click: BetaComputerTripleClickConfigParam | None
    wait: BetaComputerWaitConfigParam | None
    zoom: BetaComputerZoomConfigParam | None


@with_config(STRICT)
class BetaComputerToolset20260801Param(TypedDict, total=False):
    type: Required[Literal["computer_toolset_20260801"]]
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None
    configs: BetaComputerToolsetConfigsParam | None


@with_config(STRICT)
class BetaInputSchemaTyped(TypedDict, total=False):
    type: Required[Literal["object"]]
    properties: dict[str, Any] | None
    required: list[str] | None


@with_config(STRICT)
class BetaToolParam(TypedDict, total=False):
    type: Required[Literal["custom"]]
    input_schema: Required[Annotated[BetaInputSchemaTyped, Open()]]
    name: Required[Annotated[str, Field(pattern=r"^[a-zA-Z0-9_-]{1,128}$")]]
    allowed_callers: list[
        Literal["direct", "code_execution_20250825", "code_execution_20260120", "code_execution_20260521"]
    ]
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None
    defer_loading: bool
    description: str
    eager_input_streaming: bool | None
    input_examples: list[dict[str, Any]]
    strict: bool


@with_config(STRICT)
class BetaMCPToolDefaultConfigParam(TypedDict, total=False):
    defer_loading: bool
    enabled: bool


@with_config(STRICT)
class BetaMCPToolParamParam(TypedDict, total=False):
    input_schema: Required[dict[str, Any]]
    name: Required[str]
    description: str | None


@with_config(STRICT)
class BetaMCPToolsetParam(TypedDict, total=False):
    type: Required[Literal["mcp_toolset"]]
    mcp_server_name: Required[str]
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None
    configs: dict[str, Any] | None
    default_config: BetaMCPToolDefaultConfigParam
    tools: list[BetaMCPToolParamParam] | None


@with_config(STRICT)
class BetaMemoryTool20250818Param(TypedDict, total=False):
    type: Required[Literal["memory_20250818"]]
    name: Required[Literal["memory"]]
    allowed_callers: list[
        Literal["direct", "code_execution_20250825", "code_execution_20260120", "code_execution_20260521"]
    ]
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None
    defer_loading: bool
    input_examples: list[dict[str, Any]]
    strict: bool


@with_config(STRICT)
class BetaToolTextEditor20241022Param(TypedDict, total=False):
    type: Required[Literal["text_editor_20241022"]]
    name: Required[Literal["str_replace_editor"]]
    allowed_callers: list[
        Literal["direct", "code_execution_20250825", "code_execution_20260120", "code_execution_20260521"]
    ]
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None
    defer_loading: bool
    input_examples: list[dict[str, Any]]
    strict: bool


@with_config(STRICT)
class BetaToolTextEditor20250124Param(TypedDict, total=False):
    type: Required[Literal["text_editor_20250124"]]
    name: Required[Literal["str_replace_editor"]]
    allowed_callers: list[
        Literal["direct", "code_execution_20250825", "code_execution_20260120", "code_execution_20260521"]
    ]
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None
    defer_loading: bool
    input_examples: list[dict[str, Any]]
    strict: bool


@with_config(STRICT)
class BetaToolTextEditor20250429Param(TypedDict, total=False):
    type: Required[Literal["text_editor_20250429"]]
    name: Required[Literal["str_replace_based_edit_tool"]]
    allowed_callers: list[
        Literal["direct", "code_execution_20250825", "code_execution_20260120", "code_execution_20260521"]
    ]
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None
    defer_loading: bool
    input_examples: list[dict[str, Any]]
    strict: bool


@with_config(STRICT)
class BetaToolTextEditor20250728Param(TypedDict, total=False):
    type: Required[Literal["text_editor_20250728"]]
    name: Required[Literal["str_replace_based_edit_tool"]]
    allowed_callers: list[
        Literal["direct", "code_execution_20250825", "code_execution_20260120", "code_execution_20260521"]
    ]
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None
    defer_loading: bool
    input_examples: list[dict[str, Any]]
    max_characters: int | None
    strict: bool


@with_config(STRICT)
class BetaToolSearchToolBm25_20251119Param(TypedDict, total=False):
    type: Required[Literal["tool_search_tool_bm25_20251119", "tool_search_tool_bm25"]]
    name: Required[Literal["tool_search_tool_bm25"]]
    allowed_callers: list[
        Literal["direct", "code_execution_20250825", "code_execution_20260120", "code_execution_20260521"]
    ]
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None
    defer_loading: bool
    strict: bool


@with_config(STRICT)
class BetaToolSearchToolRegex20251119Param(TypedDict, total=False):
    type: Required[Literal["tool_search_tool_regex_20251119", "tool_search_tool_regex"]]
    name: Required[Literal["tool_search_tool_regex"]]
    allowed_callers: list[
        Literal["direct", "code_execution_20250825", "code_execution_20260120", "code_execution_20260521"]
    ]
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None
    defer_loading: bool
    strict: bool


@with_config(STRICT)
class BetaCitationsConfigParamParam(TypedDict, total=False):
    enabled: bool


@with_config(STRICT)
class BetaWebFetchURLSourceAllParam(TypedDict, total=False):
    type: Required[Literal["all"]]


@with_config(STRICT)
class BetaWebFetchURLSourceToolReferenceParam(TypedDict, total=False):
    type: Required[Literal["tool_reference"]]
    name: Required[str]


@with_config(STRICT)
class BetaWebFetchURLSourceExceptParam(TypedDict, total=False):
    type: Required[Literal["except"]]
    tools: Required[list[BetaWebFetchURLSourceToolReferenceParam]]


@with_config(STRICT)
class BetaWebFetchURLSourceNoneParam(TypedDict, total=False):
    type: Required[Literal["none"]]


@with_config(STRICT)
class BetaWebFetchURLSourceOnlyParam(TypedDict, total=False):
    type: Required[Literal["only"]]
    tools: Required[list[BetaWebFetchURLSourceToolReferenceParam]]


@with_config(STRICT)
class BetaWebFetchURLSourcesParam(TypedDict, total=False):
    client_tool_results: BetaWebFetchURLSourcesClientToolResults
    server_tool_results: BetaWebFetchURLSourcesClientToolResults
    user_input: BetaWebFetchURLSourcesUserInput


@with_config(STRICT)
class BetaWebFetchTool20250910Param(TypedDict, total=False):
    type: Required[Literal["web_fetch_20250910"]]
    name: Required[Literal["web_fetch"]]
    allowed_callers: list[
        Literal["direct", "code_execution_20250825", "code_execution_20260120", "code_execution_20260521"]
    ]
    allowed_domains: list[str] | None
    blocked_domains: list[str] | None
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None
    citations: BetaCitationsConfigParamParam | None
    defer_loading: bool
    max_content_tokens: int | None
    max_uses: int | None
    strict: bool
    url_sources: BetaWebFetchURLSourcesParam | None


@with_config(STRICT)
class BetaWebFetchTool20260209Param(TypedDict, total=False):
    type: Required[Literal["web_fetch_20260209"]]
    name: Required[Literal["web_fetch"]]
    allowed_callers: list[
        Literal["direct", "code_execution_20250825", "code_execution_20260120", "code_execution_20260521"]
    ]
    allowed_domains: list[str] | None
    blocked_domains: list[str] | None
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None
    citations: BetaCitationsConfigParamParam | None
    defer_loading: bool
    max_content_tokens: int | None
    max_uses: int | None
    strict: bool
    url_sources: BetaWebFetchURLSourcesParam | None


@with_config(STRICT)
class BetaWebFetchTool20260309Param(TypedDict, total=False):
    type: Required[Literal["web_fetch_20260309"]]
    name: Required[Literal["web_fetch"]]
    allowed_callers: list[
        Literal["direct", "code_execution_20250825", "code_execution_20260120", "code_execution_20260521"]
    ]
    allowed_domains: list[str] | None
    blocked_domains: list[str] | None
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None
    citations: BetaCitationsConfigParamParam | None
    defer_loading: bool
    max_content_tokens: int | None
    max_uses: int | None
    strict: bool
    url_sources: BetaWebFetchURLSourcesParam | None
    use_cache: bool


@with_config(STRICT)
class BetaWebFetchTool20260318Param(TypedDict, total=False):
    type: Required[Literal["web_fetch_20260318"]]
    name: Required[Literal["web_fetch"]]
    allowed_callers: list[
        Literal["direct", "code_execution_20250825", "code_execution_20260120", "code_execution_20260521"]
    ]
    allowed_domains: list[str] | None
    blocked_domains: list[str] | None
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None
    citations: BetaCitationsConfigParamParam | None
    defer_loading: bool
    max_content_tokens: int | None
    max_uses: int | None
    response_inclusion: Literal["full", "excluded"]
    strict: bool
    url_sources: BetaWebFetchURLSourcesParam | None
    use_cache: bool


@with_config(STRICT)
class BetaUserLocationParam(TypedDict, total=False):
    type: Required[Literal["approximate"]]
    city: str | None
    country: str | None
    region: str | None
    timezone: str | None


@with_config(STRICT)
class BetaWebSearchTool20250305Param(TypedDict, total=False):
    type: Required[Literal["web_search_20250305"]]
    name: Required[Literal["web_search"]]
    allowed_callers: list[
        Literal["direct", "code_execution_20250825", "code_execution_20260120", "code_execution_20260521"]
    ]
    allowed_domains: list[str] | None
    blocked_domains: list[str] | None
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None
    defer_loading: bool
    max_uses: int | None
    strict: bool
    user_location: BetaUserLocationParam | None


@with_config(STRICT)
class BetaWebSearchTool20260209Param(TypedDict, total=False):
    type: Required[Literal["web_search_20260209"]]
    name: Required[Literal["web_search"]]
    allowed_callers: list[
        Literal["direct", "code_execution_20250825", "code_execution_20260120", "code_execution_20260521"]
    ]
    allowed_domains: list[str] | None
    blocked_domains: list[str] | None
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None
    defer_loading: bool
    max_uses: int | None
    strict: bool
    user_location: BetaUserLocationParam | None


@with_config(STRICT)
class BetaWebSearchTool20260318Param(TypedDict, total=False):
    type: Required[Literal["web_search_20260318"]]
    name: Required[Literal["web_search"]]
    allowed_callers: list[
        Literal["direct", "code_execution_20250825", "code_execution_20260120", "code_execution_20260521"]
    ]
    allowed_domains: list[str] | None
    blocked_domains: list[str] | None
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None
    defer_loading: bool
    max_uses: int | None
    response_inclusion: Literal["full", "excluded"]
    strict: bool
    user_location: BetaUserLocationParam | None


@with_config(STRICT)
class BetaToolChangeToolDefinitionParam(TypedDict, total=False):
    type: Required[Literal["tool_definition"]]
    definition: Required[BetaToolChangeToolDefinitionDefinition]


@with_config(STRICT)
class BetaToolChangeToolReferenceParam(TypedDict, total=False):
    type: Required[Literal["tool_reference"]]
    name: Required[str]


@with_config(STRICT)
class BetaRequestToolAdditionBlockParam(TypedDict, total=False):
    type: Required[Literal["tool_addition"]]
    tool: Required[BetaRequestToolAdditionBlockTool]
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None


@with_config(STRICT)
class BetaRequestToolRemovalBlockParam(TypedDict, total=False):
    type: Required[Literal["tool_removal"]]
    tool: Required[BetaRequestToolRemovalBlockTool]
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None


@with_config(STRICT)
class BetaCompactionBlockParam(TypedDict, total=False):
    type: Required[Literal["compaction"]]
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None
    content: str | None
    encrypted_content: str | None
    signature: str | None
    tool_changes: list[BetaCompactionBlockToolChanges] | None


@with_config(STRICT)
class BetaContainerUploadBlockParam(TypedDict, total=False):
    type: Required[Literal["container_upload"]]
    file_id: Required[str]
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None


@with_config(STRICT)
class BetaBase64PDFSourceParam(TypedDict, total=False):
    type: Required[Literal["base64"]]
    data: Required[str]
    media_type: Required[Literal["application/pdf"]]


@with_config(STRICT)
class BetaBase64ImageSourceParam(TypedDict, total=False):
    type: Required[Literal["base64"]]
    data: Required[str]
    media_type: Required[Literal["image/jpeg", "image/png", "image/gif", "image/webp"]]


@with_config(STRICT)
class BetaFileImageSourceParam(TypedDict, total=False):
    type: Required[Literal["file"]]
    file_id: Required[str]


@with_config(STRICT)
class BetaURLImageSourceParam(TypedDict, total=False):
    type: Required[Literal["url"]]
    url: Required[str]


@with_config(STRICT)
class BetaImageTransformationsParam(TypedDict, total=False):
    oversized_image: Literal["downsize", "error"]


@with_config(STRICT)
class BetaImageBlockParam(TypedDict, total=False):
    type: Required[Literal["image"]]
    source: Required[BetaImageBlockSource]
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None
    transformations: BetaImageTransformationsParam | None


@with_config(STRICT)
class BetaCitationCharLocationParam(TypedDict, total=False):
    type: Required[Literal["char_location"]]
    cited_text: Required[str]
    document_index: Required[int]
    document_title: Required[str | None]
    end_char_index: Required[int]
    start_char_index: Required[int]


@with_config(STRICT)
class BetaCitationContentBlockLocationParam(TypedDict, total=False):
    type: Required[Literal["content_block_location"]]
    cited_text: Required[str]
    document_index: Required[int]
    document_title: Required[str | None]
    end_block_index: Required[int]
    start_block_index: Required[int]


@with_config(STRICT)
class BetaCitationPageLocationParam(TypedDict, total=False):
    type: Required[Literal["page_location"]]
    cited_text: Required[str]
    document_index: Required[int]
    document_title: Required[str | None]
    end_page_number: Required[int]
    start_page_number: Required[int]


@with_config(STRICT)
class BetaCitationSearchResultLocationParam(TypedDict, total=False):
    type: Required[Literal["search_result_location"]]
    cited_text: Required[str]
    end_block_index: Required[int]
    search_result_index: Required[int]
    source: Required[str]
    start_block_index: Required[int]
    title: Required[str | None]


@with_config(STRICT)
class BetaCitationWebSearchResultLocationParam(TypedDict, total=False):
    type: Required[Literal["web_search_result_location"]]
    cited_text: Required[str]
    encrypted_index: Required[str]
    title: Required[str | None]
    url: Required[str]


@with_config(STRICT)
class BetaTextBlockParam(TypedDict, total=False):
    type: Required[Literal["text"]]
    text: Required[str]
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None
    citations: list[BetaTextBlockCitations] | None


@with_config(STRICT)
class BetaContentBlockSourceParam(TypedDict, total=False):
    type: Required[Literal["content"]]
    content: Required[
        Annotated[
            Annotated[str, Tag("str")] | Annotated[list[BetaContentBlockSourceContent], Tag("list")],
            by_kind("str", "list"),
        ]
    ]


@with_config(STRICT)
class BetaFileDocumentSourceParam(TypedDict, total=False):
    type: Required[Literal["file"]]
    file_id: Required[str]


@with_config(STRICT)
class BetaPlainTextSourceParam(TypedDict, total=False):
    type: Required[Literal["text"]]
    data: Required[str]
    media_type: Required[Literal["text/plain"]]


@with_config(STRICT)
class BetaURLPDFSourceParam(TypedDict, total=False):
    type: Required[Literal["url"]]
    url: Required[str]


@with_config(STRICT)
class BetaRequestDocumentBlockParam(TypedDict, total=False):
    type: Required[Literal["document"]]
    source: Required[BetaRequestDocumentBlockSource]
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None
    citations: BetaCitationsConfigParamParam | None
    context: str | None
    title: str | None


@with_config(STRICT)
class BetaFallbackInfoParam(TypedDict, total=False):
    model: Required[str]


BetaFallbackBlockParam = TypedDict(
    "BetaFallbackBlockParam",
    {
        "type": Required[Literal["fallback"]],
        "from": Required[BetaFallbackInfoParam],
        "to": Required[BetaFallbackInfoParam],
        "trigger": Any,
    },
    total=False,
)
with_config(STRICT)(BetaFallbackBlockParam)


@with_config(STRICT)
class BetaMCPToolListingBlockParam(TypedDict, total=False):
    type: Required[Literal["mcp_tool_listing"]]
    mcp_server_name: Required[str]
    tools: Required[list[BetaMCPToolParamParam]]


@with_config(STRICT)
class BetaRequestMCPToolResultBlockParam(TypedDict, total=False):
    type: Required[Literal["mcp_tool_result"]]
    tool_use_id: Required[str]
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None
    content: Annotated[
        Annotated[str, Tag("str")] | Annotated[list[BetaTextBlockParam], Tag("list")], by_kind("str", "list")
    ]
    is_error: bool


@with_config(STRICT)
class BetaMCPToolUseBlockParam(TypedDict, total=False):
    type: Required[Literal["mcp_tool_use"]]
    id: Required[str]
    input: Required[dict[str, Any]]
    name: Required[str]
    server_name: Required[str]
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None


@with_config(STRICT)
class BetaRedactedThinkingBlockParam(TypedDict, total=False):
    type: Required[Literal["redacted_thinking"]]
    data: Required[str]


@with_config(STRICT)
class BetaSearchResultBlockParam(TypedDict, total=False):
    type: Required[Literal["search_result"]]
    content: Required[list[BetaTextBlockParam]]
    source: Required[str]
    title: Required[str]
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None
    citations: BetaCitationsConfigParamParam


@with_config(STRICT)
class BetaServerToolCallerParam(TypedDict, total=False):
    type: Required[Literal["code_execution_20250825"]]
    tool_id: Required[str]


@with_config(STRICT)
class BetaServerToolCaller20260120Param(TypedDict, total=False):
    type: Required[Literal["code_execution_20260120"]]
    tool_id: Required[str]


@with_config(STRICT)
class BetaDirectCallerParam(TypedDict, total=False):
    type: Required[Literal["direct"]]


@with_config(STRICT)
class BetaServerToolUseBlockParam(TypedDict, total=False):
    type: Required[Literal["server_tool_use"]]
    id: Required[str]
    input: Required[dict[str, Any]]
    name: Required[
        Literal[
            "advisor",
            "web_search",
            "web_fetch",
            "code_execution",
            "bash_code_execution",
            "text_editor_code_execution",
            "tool_search_tool_regex",
            "tool_search_tool_bm25",
        ]
    ]
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None
    caller: BetaServerToolUseBlockCaller


@with_config(STRICT)
class BetaTextEditorCodeExecutionCreateResultBlockParam(TypedDict, total=False):
    type: Required[Literal["text_editor_code_execution_create_result"]]
    is_file_update: Required[bool]


@with_config(STRICT)
class BetaTextEditorCodeExecutionStrReplaceResultBlockParam(TypedDict, total=False):
    type: Required[Literal["text_editor_code_execution_str_replace_result"]]
    lines: list[str] | None
    new_lines: int | None
    new_start: int | None
    old_lines: int | None
    old_start: int | None


@with_config(STRICT)
class BetaTextEditorCodeExecutionToolResultErrorParam(TypedDict, total=False):
    type: Required[Literal["text_editor_code_execution_tool_result_error"]]
    error_code: Required[
        Literal[
            "invalid_tool_input",
            "unavailable",
            "too_many_requests",
            "execution_time_exceeded",
            "file_not_found",
        ]
    ]
    error_message: str | None


@with_config(STRICT)
class BetaTextEditorCodeExecutionViewResultBlockParam(TypedDict, total=False):
    type: Required[Literal["text_editor_code_execution_view_result"]]
    content: Required[str]
    file_type: Required[Literal["text", "image", "pdf"]]
    num_lines: int | None
    start_line: int | None
    total_lines: int | None


@with_config(STRICT)
class BetaTextEditorCodeExecutionToolResultBlockParam(TypedDict, total=False):
    type: Required[Literal["text_editor_code_execution_tool_result"]]
    content: Required[BetaTextEditorCodeExecutionToolResultBlockContent]
    tool_use_id: Required[str]
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None


@with_config(STRICT)
class BetaThinkingBlockParam(TypedDict, total=False):
    type: Required[Literal["thinking"]]
    signature: Required[str]
    thinking: Required[str]


@with_config(STRICT)
class BetaBrowserStateTabEntryParam(TypedDict, total=False):
    tab_id: Required[str]
    title: Required[str]
    url: Required[str]
    active: bool


@with_config(STRICT)
class BetaBrowserStateChangeDownloadCompletedParam(TypedDict, total=False):
    type: Required[Literal["download_completed"]]
    download_id: Required[str]
    url: Required[str]
    path: str | None
    size_bytes: int | None


@with_config(STRICT)
class BetaBrowserStateChangeDownloadFailedParam(TypedDict, total=False):
    type: Required[Literal["download_failed"]]
    download_id: Required[str]
    url: Required[str]
    error: str | None


@with_config(STRICT)
class BetaBrowserStateChangeDownloadStartedParam(TypedDict, total=False):
    type: Required[Literal["download_started"]]
    download_id: Required[str]
    url: Required[str]


@with_config(STRICT)
class BetaBrowserStateChangeTabOpenedParam(TypedDict, total=False):
    type: Required[Literal["tab_opened"]]
    tab_id: Required[str]


@with_config(STRICT)
class BetaBrowserStateBlockParam(TypedDict, total=False):
    type: Required[Literal["browser_state"]]
    tabs: Required[list[BetaBrowserStateTabEntryParam]]
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None
    state_changes: list[BetaBrowserStateBlockStateChanges] | None


@with_config(STRICT)
class BetaToolReferenceBlockParam(TypedDict, total=False):
    type: Required[Literal["tool_reference"]]
    tool_name: Required[str]
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None


@with_config(STRICT)
class BetaToolResultBlockParam(TypedDict, total=False):
    type: Required[Literal["tool_result"]]
    tool_use_id: Required[str]
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None
    content: Annotated[
        Annotated[str, Tag("str")] | Annotated[list[BetaToolResultBlockContent], Tag("list")],
        by_kind("str", "list"),
    ]
    is_error: bool
    toolset_name: str | None


@with_config(STRICT)
class BetaToolSearchToolResultErrorParam(TypedDict, total=False):
    type: Required[Literal["tool_search_tool_result_error"]]
    error_code: Required[
        Literal["invalid_tool_input", "unavailable", "too_many_requests", "execution_time_exceeded"]
    ]
    error_message: str | None


@with_config(STRICT)
class BetaToolSearchToolSearchResultBlockParam(TypedDict, total=False):
    type: Required[Literal["tool_search_tool_search_result"]]
    tool_references: Required[list[BetaToolReferenceBlockParam]]


@with_config(STRICT)
class BetaToolSearchToolResultBlockParam(TypedDict, total=False):
    type: Required[Literal["tool_search_tool_result"]]
    content: Required[BetaToolSearchToolResultBlockContent]
    tool_use_id: Required[str]
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None


@with_config(STRICT)
class BetaToolUseBlockParam(TypedDict, total=False):
    type: Required[Literal["tool_use"]]
    id: Required[str]
    input: Required[dict[str, Any]]
    name: Required[str]
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None
    caller: BetaServerToolUseBlockCaller
    toolset_name: str | None


@with_config(STRICT)
class BetaWebFetchBlockParam(TypedDict, total=False):
    type: Required[Literal["web_fetch_result"]]
    content: Required[BetaRequestDocumentBlockParam]
    url: Required[str]
    retrieved_at: str | None


@with_config(STRICT)
class BetaWebFetchToolResultErrorBlockParam(TypedDict, total=False):
    type: Required[Literal["web_fetch_tool_result_error"]]
    error_code: Required[
        Literal[
            "invalid_tool_input",
            "url_too_long",
            "url_not_allowed",
            "url_not_in_prior_context",
            "url_not_accessible",
            "unsupported_content_type",
            "too_many_requests",
            "max_uses_exceeded",
            "unavailable",
            "content_too_large",
        ]
    ]


@with_config(STRICT)
class BetaWebFetchToolResultBlockParam(TypedDict, total=False):
    type: Required[Literal["web_fetch_tool_result"]]
    content: Required[BetaWebFetchToolResultBlockContent]
    tool_use_id: Required[str]
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None
    caller: BetaServerToolUseBlockCaller


@with_config(STRICT)
class BetaWebSearchToolRequestErrorObjectParam(TypedDict, total=False):
    type: Required[Literal["web_search_tool_result_error"]]
    error_code: Required[
        Literal[
            "invalid_tool_input",
            "unavailable",
            "max_uses_exceeded",
            "too_many_requests",
            "query_too_long",
            "request_too_large",
        ]
    ]


@with_config(STRICT)
class BetaWebSearchResultBlockParam(TypedDict, total=False):
    type: Required[Literal["web_search_result"]]
    encrypted_content: Required[str]
    title: Required[str]
    url: Required[str]
    page_age: str | None


@with_config(STRICT)
class BetaWebSearchToolResultBlockParam(TypedDict, total=False):
    type: Required[Literal["web_search_tool_result"]]
    content: Required[
        Annotated[
            Annotated[BetaWebSearchToolRequestErrorObjectParam, Tag("object")]
            | Annotated[list[BetaWebSearchResultBlockParam], Tag("list")],
            by_kind("object", "list"),
        ]
    ]
    tool_use_id: Required[str]
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None
    caller: BetaServerToolUseBlockCaller


@with_config(STRICT)
class BetaMessage(TypedDict):
    role: Literal["user", "assistant", "system"]
    content: Annotated[
        Annotated[str, Tag("str")] | Annotated[list[BetaMessageContent], Tag("list")], by_kind("str", "list")
    ]


@with_config(STRICT)
class BetaBillingPolicyParam(TypedDict, total=False):
    type: Required[Literal["billing_policy"]]
    bill_to: Literal["self", "user_profile"]


@with_config(STRICT)
class BetaCompactionConfigParam(TypedDict, total=False):
    type: Required[Literal["summarize"]]
    instructions: str | None


@with_config(STRICT)
class BetaSkillParams(TypedDict, total=False):
    type: Required[Literal["anthropic", "custom"]]
    skill_id: Required[str]
    version: str


@with_config(STRICT)
class BetaContainerParams(TypedDict, total=False):
    id: str | None
    skills: list[BetaSkillParams] | None


@with_config(STRICT)
class BetaAllThinkingTurnsParam(TypedDict, total=False):
    type: Required[Literal["all"]]


@with_config(STRICT)
class BetaThinkingTurnsParam(TypedDict, total=False):
    type: Required[Literal["thinking_turns"]]
    value: Required[int]


@with_config(STRICT)
class BetaClearThinking20251015EditParam(TypedDict, total=False):
    type: Required[Literal["clear_thinking_20251015"]]
    keep: Annotated[
        Annotated[Literal["all"], Tag("str")] | Annotated[BetaClearThinking20251015EditKeep, Tag("object")],
        by_kind("str", "object"),
    ]


@with_config(STRICT)
class BetaInputTokensClearAtLeastParam(TypedDict, total=False):
    type: Required[Literal["input_tokens"]]
    value: Required[int]


@with_config(STRICT)
class BetaToolUsesKeepParam(TypedDict, total=False):
    type: Required[Literal["tool_uses"]]
    value: Required[int]


@with_config(STRICT)
class BetaInputTokensTriggerParam(TypedDict, total=False):
    type: Required[Literal["input_tokens"]]
    value: Required[int]


@with_config(STRICT)
class BetaToolUsesTriggerParam(TypedDict, total=False):
    type: Required[Literal["tool_uses"]]
    value: Required[int]


@with_config(STRICT)
class BetaClearToolUses20250919EditParam(TypedDict, total=False):
    type: Required[Literal["clear_tool_uses_20250919"]]
    clear_at_least: BetaInputTokensClearAtLeastParam | None
    clear_tool_inputs: (
        Annotated[Annotated[bool, Tag("bool")] | Annotated[list[str], Tag("list")], by_kind("bool", "list")]
        | None
    )
    exclude_tools: list[str] | None
    keep: BetaToolUsesKeepParam
    trigger: BetaClearToolUses20250919EditTrigger


@with_config(STRICT)
class BetaCompact20260112EditParam(TypedDict, total=False):
    type: Required[Literal["compact_20260112"]]
    instructions: str | None
    pause_after_compaction: bool
    trigger: BetaInputTokensTriggerParam | None


@with_config(STRICT)
class BetaContextManagementConfigParam(TypedDict, total=False):
    edits: list[BetaContextManagementConfigEdits]


@with_config(STRICT)
class BetaDiagnosticsParam(TypedDict, total=False):
    previous_message_id: str | None


@with_config(STRICT)
class BetaFallbackCreditTokenParam(TypedDict, total=False):
    token: Required[str]
    mode: Literal["strict", "best_effort"]


@with_config(STRICT)
class BetaJSONOutputFormatParam(TypedDict, total=False):
    type: Required[Literal["json_schema"]]
    schema: Required[dict[str, Any]]


@with_config(STRICT)
class BetaTokenTaskBudgetParam(TypedDict, total=False):
    type: Required[Literal["tokens"]]
    total: Required[int]
    remaining: int | None


@with_config(STRICT)
class BetaOutputConfigParam(TypedDict, total=False):
    effort: Literal["low", "medium", "high", "xhigh", "max"] | None
    format: BetaJSONOutputFormatParam | None
    task_budget: BetaTokenTaskBudgetParam | None


@with_config(STRICT)
class BetaThinkingBlockBindingParam(TypedDict, total=False):
    prefix_mismatch_behavior: Literal["error", "drop_block"] | None


@with_config(STRICT)
class BetaThinkingConfigAdaptiveParam(TypedDict, total=False):
    type: Required[Literal["adaptive"]]
    block_binding: BetaThinkingBlockBindingParam | None
    display: Literal["summarized", "omitted", "updates"] | None


@with_config(STRICT)
class BetaThinkingConfigBetweenToolsParam(TypedDict, total=False):
    type: Required[Literal["between_tools"]]


@with_config(STRICT)
class BetaThinkingConfigDisabledParam(TypedDict, total=False):
    type: Required[Literal["disabled"]]


@with_config(STRICT)
class BetaThinkingConfigEnabledParam(TypedDict, total=False):
    type: Required[Literal["enabled"]]
    budget_tokens: Required[Annotated[int, Field(ge=1024)]]
    block_binding: BetaThinkingBlockBindingParam | None
    display: Literal["summarized", "omitted", "updates"] | None


@with_config(STRICT)
class BetaFallbackParam(TypedDict, total=False):
    model: Required[str]
    max_tokens: int | None
    output_config: BetaOutputConfigParam | None
    speed: Literal["standard", "fast"] | None
    thinking: BetaFallbackThinking | None


@with_config(STRICT)
class BetaRequestMCPServerToolConfigurationParam(TypedDict, total=False):
    allowed_tools: list[str] | None
    enabled: bool | None


@with_config(STRICT)
class BetaRequestMCPServerURLDefinitionParam(TypedDict, total=False):
    type: Required[Literal["url"]]
    name: Required[str]
    url: Required[str]
    authorization_token: str | None
    tool_configuration: BetaRequestMCPServerToolConfigurationParam | None


@with_config(STRICT)
class BetaMetadataParam(TypedDict, total=False):
    user_id: str | None


@with_config(STRICT)
class BetaThreadContinueParams(TypedDict, total=False):
    type: Required[Literal["continue"]]
    previous_message_id: Required[str]


@with_config(STRICT)
class BetaThreadCreateParams(TypedDict, total=False):
    type: Required[Literal["create"]]


@with_config(STRICT)
class BetaToolChoiceAnyParam(TypedDict, total=False):
    type: Required[Literal["any"]]
    disable_parallel_tool_use: bool


@with_config(STRICT)
class BetaToolChoiceAutoParam(TypedDict, total=False):
    type: Required[Literal["auto"]]
    disable_parallel_tool_use: bool


@with_config(STRICT)
class BetaToolChoiceNoneParam(TypedDict, total=False):
    type: Required[Literal["none"]]


@with_config(STRICT)
class BetaToolChoiceToolParam(TypedDict, total=False):
    type: Required[Literal["tool"]]
    name: Required[str]
    disable_parallel_tool_use: bool


@with_config(STRICT)
class BetaMessageCreateParams(TypedDict, total=False):
    max_tokens: Annotated[int, Field(ge=0)]
    messages: Required[Annotated[list[BetaMessage], Field(max_length=100000)]]
    model: Required[str]
    billing_policy: BetaBillingPolicyParam | None
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None
    compaction: BetaCompactionConfigParam | None
    container: (
        Annotated[
            Annotated[str, Tag("str")] | Annotated[BetaContainerParams, Tag("object")],
            by_kind("str", "object"),
        ]
        | None
    )
    context_management: BetaContextManagementConfigParam | None
    diagnostics: BetaDiagnosticsParam | None
    fallback_credit_token: (
        Annotated[
            Annotated[str, Tag("str")] | Annotated[BetaFallbackCreditTokenParam, Tag("object")],
            by_kind("str", "object"),
        ]
        | None
    )
    fallbacks: (
        Annotated[
            Annotated[Literal["default"], Tag("str")] | Annotated[list[BetaFallbackParam], Tag("list")],
            by_kind("str", "list"),
        ]
        | None
    )
    inference_geo: str | None
    mcp_servers: list[BetaRequestMCPServerURLDefinitionParam]
    metadata: BetaMetadataParam
    output_config: BetaOutputConfigParam
    service_tier: Literal["auto", "standard_only"]
    speed: Literal["standard", "fast"] | None
    stop_sequences: list[str]
    system: Annotated[
        Annotated[str, Tag("str")] | Annotated[list[BetaTextBlockParam], Tag("list")], by_kind("str", "list")
    ]
    thinking: BetaFallbackThinking
    thread: BetaMessageCreateParamsThread | None
    tool_choice: BetaMessageCreateParamsToolChoice
    tools: list[BetaToolChangeToolDefinitionDefinition]
    stream: bool
    temperature: Annotated[float, Field(ge=0.0, le=2.0)]
    top_p: Annotated[float, Field(ge=0.0, le=1.0)]
    top_k: Annotated[int, Field(ge=0)]


BetaAdvisorToolResultBlockContent = Annotated[
    BetaAdvisorRedactedResultBlockParam | BetaAdvisorResultBlockParam | BetaAdvisorToolResultErrorParam,
    Field(discriminator="type"),
]
BetaBashCodeExecutionToolResultBlockContent = Annotated[
    BetaBashCodeExecutionResultBlockParam | BetaBashCodeExecutionToolResultErrorParam,
    Field(discriminator="type"),
]
BetaCodeExecutionToolResultBlockContent = Annotated[
    BetaCodeExecutionResultBlockParam
    | BetaCodeExecutionToolResultErrorParam
    | BetaEncryptedCodeExecutionResultBlockParam,
    Field(discriminator="type"),
]
BetaWebFetchURLSourcesClientToolResults = Annotated[
    BetaWebFetchURLSourceAllParam
    | BetaWebFetchURLSourceExceptParam
    | BetaWebFetchURLSourceNoneParam
    | BetaWebFetchURLSourceOnlyParam,
    Field(discriminator="type"),
]
BetaWebFetchURLSourcesUserInput = Annotated[
    BetaWebFetchURLSourceAllParam | BetaWebFetchURLSourceNoneParam, Field(discriminator="type")
]
BetaToolChangeToolDefinitionDefinition = Annotated[
    BetaAdvisorTool20260301Param
    | BetaToolBash20241022Param
    | BetaToolBash20250124Param
    | BetaBrowserToolset20260801Param
    | BetaCodeExecutionTool20250522Param
    | BetaCodeExecutionTool20250825Param
    | BetaCodeExecutionTool20260120Param
    | BetaCodeExecutionTool20260521Param
    | BetaToolComputerUse20241022Param
    | BetaToolComputerUse20250124Param
    | BetaToolComputerUse20251124Param
    | BetaComputerToolset20260801Param
    | BetaToolParam
    | BetaMCPToolsetParam
    | BetaMemoryTool20250818Param
    | BetaToolTextEditor20241022Param
    | BetaToolTextEditor20250124Param
    | BetaToolTextEditor20250429Param
    | BetaToolTextEditor20250728Param
    | BetaToolSearchToolBm25_20251119Param
    | BetaToolSearchToolRegex20251119Param
    | BetaWebFetchTool20250910Param
    | BetaWebFetchTool20260209Param
    | BetaWebFetchTool20260309Param
    | BetaWebFetchTool20260318Param
    | BetaWebSearchTool20250305Param
    | BetaWebSearchTool20260209Param
    | BetaWebSearchTool20260318Param,
    Field(discriminator="type"),
    DefaultTag("custom"),
]
BetaRequestToolAdditionBlockTool = Annotated[
    BetaToolChangeMCPToolReferenceParam
    | BetaToolChangeMCPToolsetReferenceParam
    | BetaToolChangeToolDefinitionParam
    | BetaToolChangeToolReferenceParam,
    Field(discriminator="type"),
]
BetaRequestToolRemovalBlockTool = Annotated[
    BetaToolChangeMCPToolReferenceParam
    | BetaToolChangeMCPToolsetReferenceParam
    | BetaToolChangeToolReferenceParam,
    Field(discriminator="type"),
]
BetaCompactionBlockToolChanges = Annotated[
    BetaRequestToolAdditionBlockParam | BetaRequestToolRemovalBlockParam, Field(discriminator="type")
]
BetaImageBlockSource = Annotated[
    BetaBase64ImageSourceParam | BetaFileImageSourceParam | BetaURLImageSourceParam,
    Field(discriminator="type"),
]
BetaTextBlockCitations = Annotated[
    BetaCitationCharLocationParam
    | BetaCitationContentBlockLocationParam
    | BetaCitationPageLocationParam
    | BetaCitationSearchResultLocationParam
    | BetaCitationWebSearchResultLocationParam,
    Field(discriminator="type"),
]
BetaContentBlockSourceContent = Annotated[
    BetaImageBlockParam | BetaTextBlockParam, Field(discriminator="type")
]
BetaRequestDocumentBlockSource = Annotated[
    BetaBase64PDFSourceParam
    | BetaContentBlockSourceParam
    | BetaFileDocumentSourceParam
    | BetaPlainTextSourceParam
    | BetaURLPDFSourceParam,
    Field(discriminator="type"),
]
BetaServerToolUseBlockCaller = Annotated[
    BetaServerToolCallerParam | BetaServerToolCaller20260120Param | BetaDirectCallerParam,
    Field(discriminator="type"),
]
BetaTextEditorCodeExecutionToolResultBlockContent = Annotated[
    BetaTextEditorCodeExecutionCreateResultBlockParam
    | BetaTextEditorCodeExecutionStrReplaceResultBlockParam
    | BetaTextEditorCodeExecutionToolResultErrorParam
    | BetaTextEditorCodeExecutionViewResultBlockParam,
    Field(discriminator="type"),
]
BetaBrowserStateBlockStateChanges = Annotated[
    BetaBrowserStateChangeDownloadCompletedParam
    | BetaBrowserStateChangeDownloadFailedParam
    | BetaBrowserStateChangeDownloadStartedParam
    | BetaBrowserStateChangeTabOpenedParam,
    Field(discriminator="type"),
]
BetaToolResultBlockContent = Annotated[
    BetaBrowserStateBlockParam
    | BetaRequestDocumentBlockParam
    | BetaImageBlockParam
    | BetaSearchResultBlockParam
    | BetaTextBlockParam
    | BetaToolReferenceBlockParam,
    Field(discriminator="type"),
]
BetaToolSearchToolResultBlockContent = Annotated[
    BetaToolSearchToolResultErrorParam | BetaToolSearchToolSearchResultBlockParam, Field(discriminator="type")
]
BetaWebFetchToolResultBlockContent = Annotated[
    BetaWebFetchBlockParam | BetaWebFetchToolResultErrorBlockParam, Field(discriminator="type")
]
BetaMessageContent = Annotated[
    BetaAdvisorToolResultBlockParam
    | BetaBashCodeExecutionToolResultBlockParam
    | BetaCodeExecutionToolResultBlockParam
    | BetaCompactionBlockParam
    | BetaContainerUploadBlockParam
    | BetaRequestDocumentBlockParam
    | BetaFallbackBlockParam
    | BetaImageBlockParam
    | BetaMCPToolListingBlockParam
    | BetaRequestMCPToolResultBlockParam
    | BetaMCPToolUseBlockParam
    | BetaRedactedThinkingBlockParam
    | BetaSearchResultBlockParam
    | BetaServerToolUseBlockParam
    | BetaTextBlockParam
    | BetaTextEditorCodeExecutionToolResultBlockParam
    | BetaThinkingBlockParam
    | BetaRequestToolAdditionBlockParam
    | BetaRequestToolRemovalBlockParam
    | BetaToolResultBlockParam
    | BetaToolSearchToolResultBlockParam
    | BetaToolUseBlockParam
    | BetaWebFetchToolResultBlockParam
    | BetaWebSearchToolResultBlockParam,
    Field(discriminator="type"),
]
BetaClearThinking20251015EditKeep = Annotated[
    BetaAllThinkingTurnsParam | BetaThinkingTurnsParam, Field(discriminator="type")
]
BetaClearToolUses20250919EditTrigger = Annotated[
    BetaInputTokensTriggerParam | BetaToolUsesTriggerParam, Field(discriminator="type")
]
BetaContextManagementConfigEdits = Annotated[
    BetaClearThinking20251015EditParam | BetaClearToolUses20250919EditParam | BetaCompact20260112EditParam,
    Field(discriminator="type"),
]
BetaFallbackThinking = Annotated[
    BetaThinkingConfigAdaptiveParam
    | BetaThinkingConfigBetweenToolsParam
    | BetaThinkingConfigDisabledParam
    | BetaThinkingConfigEnabledParam,
    Field(discriminator="type"),
]
BetaMessageCreateParamsThread = Annotated[
    BetaThreadContinueParams | BetaThreadCreateParams, Field(discriminator="type")
]
BetaMessageCreateParamsToolChoice = Annotated[
    BetaToolChoiceAnyParam | BetaToolChoiceAutoParam | BetaToolChoiceNoneParam | BetaToolChoiceToolParam,
    Field(discriminator="type"),
]


BETA_REQUEST = TypeAdapter(BetaMessageCreateParams)
