"""The Anthropic Messages request contract: anthropic==2.15.0's request types, transcribed.

Do not edit: run scripts/gen_anthropic_contract.py (make contract). `MessageCreateParams` is the
request; `BetaMessageCreateParams` the request that names a beta in `anthropic-beta`.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, Tag, TypeAdapter
from typing_extensions import Required, TypedDict

from mockgw.wire.contract import DefaultTag, OneTag, Open, by_kind

SDK_VERSION = "2.15.0"


class BashCodeExecutionOutputBlockParam(TypedDict, total=False):
    type: Required[Literal["bash_code_execution_output"]]
    file_id: Required[str]


class BashCodeExecutionResultBlockParam(TypedDict, total=False):
    type: Required[Literal["bash_code_execution_result"]]
    content: Required[list[BashCodeExecutionOutputBlockParam]]
    return_code: Required[int]
    stderr: Required[str]
    stdout: Required[str]


class BashCodeExecutionToolResultErrorParam(TypedDict, total=False):
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


class CacheControlEphemeralParam(TypedDict, total=False):
    type: Required[Literal["ephemeral"]]
    ttl: Literal["5m", "1h"]


class BashCodeExecutionToolResultBlockParam(TypedDict, total=False):
    type: Required[Literal["bash_code_execution_tool_result"]]
    content: Required[BashCodeExecutionToolResultBlockContent]
    tool_use_id: Required[str]
    cache_control: Annotated[CacheControlEphemeralParam, OneTag("ephemeral")] | None


class CodeExecutionOutputBlockParam(TypedDict, total=False):
    type: Required[Literal["code_execution_output"]]
    file_id: Required[str]


class CodeExecutionResultBlockParam(TypedDict, total=False):
    type: Required[Literal["code_execution_result"]]
    content: Required[list[CodeExecutionOutputBlockParam]]
    return_code: Required[int]
    stderr: Required[str]
    stdout: Required[str]


class CodeExecutionToolResultErrorParam(TypedDict, total=False):
    type: Required[Literal["code_execution_tool_result_error"]]
    error_code: Required[
        Literal["invalid_tool_input", "unavailable", "too_many_requests", "execution_time_exceeded"]
    ]


class EncryptedCodeExecutionResultBlockParam(TypedDict, total=False):
    type: Required[Literal["encrypted_code_execution_result"]]
    content: Required[list[CodeExecutionOutputBlockParam]]
    encrypted_stdout: Required[str]
    return_code: Required[int]
    stderr: Required[str]


class CodeExecutionToolResultBlockParam(TypedDict, total=False):
    type: Required[Literal["code_execution_tool_result"]]
    content: Required[CodeExecutionToolResultBlockContent]
    tool_use_id: Required[str]
    cache_control: Annotated[CacheControlEphemeralParam, OneTag("ephemeral")] | None


class ContainerUploadBlockParam(TypedDict, total=False):
    type: Required[Literal["container_upload"]]
    file_id: Required[str]
    cache_control: Annotated[CacheControlEphemeralParam, OneTag("ephemeral")] | None


class Base64PDFSourceParam(TypedDict, total=False):
    type: Required[Literal["base64"]]
    data: Required[str]
    media_type: Required[Literal["application/pdf"]]


class Base64ImageSourceParam(TypedDict, total=False):
    type: Required[Literal["base64"]]
    data: Required[str]
    media_type: Required[Literal["image/jpeg", "image/png", "image/gif", "image/webp"]]


class FileImageSourceParam(TypedDict, total=False):
    type: Required[Literal["file"]]
    file_id: Required[str]


class URLImageSourceParam(TypedDict, total=False):
    type: Required[Literal["url"]]
    url: Required[str]


class ImageTransformationsParam(TypedDict, total=False):
    oversized_image: Literal["downsize", "error"]


class ImageBlockParam(TypedDict, total=False):
    type: Required[Literal["image"]]
    source: Required[ImageBlockSource]
    cache_control: Annotated[CacheControlEphemeralParam, OneTag("ephemeral")] | None
    transformations: ImageTransformationsParam | None


class CitationCharLocationParam(TypedDict, total=False):
    type: Required[Literal["char_location"]]
    cited_text: Required[str]
    document_index: Required[int]
    document_title: Required[str | None]
    end_char_index: Required[int]
    start_char_index: Required[int]


class CitationContentBlockLocationParam(TypedDict, total=False):
    type: Required[Literal["content_block_location"]]
    cited_text: Required[str]
    document_index: Required[int]
    document_title: Required[str | None]
    end_block_index: Required[int]
    start_block_index: Required[int]


class CitationPageLocationParam(TypedDict, total=False):
    type: Required[Literal["page_location"]]
    cited_text: Required[str]
    document_index: Required[int]
    document_title: Required[str | None]
    end_page_number: Required[int]
    start_page_number: Required[int]


class CitationSearchResultLocationParam(TypedDict, total=False):
    type: Required[Literal["search_result_location"]]
    cited_text: Required[str]
    end_block_index: Required[int]
    search_result_index: Required[int]
    source: Required[str]
    start_block_index: Required[int]
    title: Required[str | None]


class CitationWebSearchResultLocationParam(TypedDict, total=False):
    type: Required[Literal["web_search_result_location"]]
    cited_text: Required[str]
    encrypted_index: Required[str]
    title: Required[str | None]
    url: Required[str]


class TextBlockParam(TypedDict, total=False):
    type: Required[Literal["text"]]
    text: Required[str]
    cache_control: Annotated[CacheControlEphemeralParam, OneTag("ephemeral")] | None
    citations: list[TextBlockCitations] | None


class ContentBlockSourceParam(TypedDict, total=False):
    type: Required[Literal["content"]]
    content: Required[
        Annotated[
            Annotated[str, Tag("str")] | Annotated[list[ContentBlockSourceContent], Tag("list")],
            by_kind("str", "list"),
        ]
    ]


class FileDocumentSourceParam(TypedDict, total=False):
    type: Required[Literal["file"]]
    file_id: Required[str]


class PlainTextSourceParam(TypedDict, total=False):
    type: Required[Literal["text"]]
    data: Required[str]
    media_type: Required[Literal["text/plain"]]


class URLPDFSourceParam(TypedDict, total=False):
    type: Required[Literal["url"]]
    url: Required[str]


class CitationsConfigParam(TypedDict, total=False):
    enabled: bool


class DocumentBlockParam(TypedDict, total=False):
    type: Required[Literal["document"]]
    source: Required[DocumentBlockSource]
    cache_control: Annotated[CacheControlEphemeralParam, OneTag("ephemeral")] | None
    citations: CitationsConfigParam | None
    context: str | None
    title: str | None


class RedactedThinkingBlockParam(TypedDict, total=False):
    type: Required[Literal["redacted_thinking"]]
    data: Required[str]


class SearchResultBlockParam(TypedDict, total=False):
    type: Required[Literal["search_result"]]
    content: Required[list[TextBlockParam]]
    source: Required[str]
    title: Required[str]
    cache_control: Annotated[CacheControlEphemeralParam, OneTag("ephemeral")] | None
    citations: CitationsConfigParam


class ServerToolCallerParam(TypedDict, total=False):
    type: Required[Literal["code_execution_20250825"]]
    tool_id: Required[str]


class ServerToolCaller20260120Param(TypedDict, total=False):
    type: Required[Literal["code_execution_20260120"]]
    tool_id: Required[str]


class DirectCallerParam(TypedDict, total=False):
    type: Required[Literal["direct"]]


class ServerToolUseBlockParam(TypedDict, total=False):
    type: Required[Literal["server_tool_use"]]
    id: Required[str]
    input: Required[dict[str, Any]]
    name: Required[
        Literal[
            "web_search",
            "web_fetch",
            "code_execution",
            "bash_code_execution",
            "text_editor_code_execution",
            "tool_search_tool_regex",
            "tool_search_tool_bm25",
        ]
    ]
    cache_control: Annotated[CacheControlEphemeralParam, OneTag("ephemeral")] | None
    caller: ServerToolUseBlockCaller


class TextEditorCodeExecutionCreateResultBlockParam(TypedDict, total=False):
    type: Required[Literal["text_editor_code_execution_create_result"]]
    is_file_update: Required[bool]


class TextEditorCodeExecutionStrReplaceResultBlockParam(TypedDict, total=False):
    type: Required[Literal["text_editor_code_execution_str_replace_result"]]
    lines: list[str] | None
    new_lines: int | None
    new_start: int | None
    old_lines: int | None
    old_start: int | None


class TextEditorCodeExecutionToolResultErrorParam(TypedDict, total=False):
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


class TextEditorCodeExecutionViewResultBlockParam(TypedDict, total=False):
    type: Required[Literal["text_editor_code_execution_view_result"]]
    content: Required[str]
    file_type: Required[Literal["text", "image", "pdf"]]
    num_lines: int | None
    start_line: int | None
    total_lines: int | None


class TextEditorCodeExecutionToolResultBlockParam(TypedDict, total=False):
    type: Required[Literal["text_editor_code_execution_tool_result"]]
    content: Required[TextEditorCodeExecutionToolResultBlockContent]
    tool_use_id: Required[str]
    cache_control: Annotated[CacheControlEphemeralParam, OneTag("ephemeral")] | None


class ThinkingBlockParam(TypedDict, total=False):
    type: Required[Literal["thinking"]]
    signature: Required[str]
    thinking: Required[str]


class BrowserStateTabEntryParam(TypedDict, total=False):
    tab_id: Required[str]
    title: Required[str]
    url: Required[str]
    active: bool


class BrowserStateChangeDownloadCompletedParam(TypedDict, total=False):
    type: Required[Literal["download_completed"]]
    download_id: Required[str]
    url: Required[str]
    path: str | None
    size_bytes: int | None


class BrowserStateChangeDownloadFailedParam(TypedDict, total=False):
    type: Required[Literal["download_failed"]]
    download_id: Required[str]
    url: Required[str]
    error: str | None


class BrowserStateChangeDownloadStartedParam(TypedDict, total=False):
    type: Required[Literal["download_started"]]
    download_id: Required[str]
    url: Required[str]


class BrowserStateChangeTabOpenedParam(TypedDict, total=False):
    type: Required[Literal["tab_opened"]]
    tab_id: Required[str]


class BrowserStateBlockParam(TypedDict, total=False):
    type: Required[Literal["browser_state"]]
    tabs: Required[list[BrowserStateTabEntryParam]]
    cache_control: Annotated[CacheControlEphemeralParam, OneTag("ephemeral")] | None
    state_changes: list[BrowserStateBlockStateChanges] | None


class ToolReferenceBlockParam(TypedDict, total=False):
    type: Required[Literal["tool_reference"]]
    tool_name: Required[str]
    cache_control: Annotated[CacheControlEphemeralParam, OneTag("ephemeral")] | None


class ToolResultBlockParam(TypedDict, total=False):
    type: Required[Literal["tool_result"]]
    tool_use_id: Required[str]
    cache_control: Annotated[CacheControlEphemeralParam, OneTag("ephemeral")] | None
    content: Annotated[
        Annotated[str, Tag("str")] | Annotated[list[ToolResultBlockContent], Tag("list")],
        by_kind("str", "list"),
    ]
    is_error: bool
    toolset_name: str | None


class ToolSearchToolResultErrorParam(TypedDict, total=False):
    type: Required[Literal["tool_search_tool_result_error"]]
    error_code: Required[
        Literal["invalid_tool_input", "unavailable", "too_many_requests", "execution_time_exceeded"]
    ]
    error_message: str | None


class ToolSearchToolSearchResultBlockParam(TypedDict, total=False):
    type: Required[Literal["tool_search_tool_search_result"]]
    tool_references: Required[list[ToolReferenceBlockParam]]


class ToolSearchToolResultBlockParam(TypedDict, total=False):
    type: Required[Literal["tool_search_tool_result"]]
    content: Required[ToolSearchToolResultBlockContent]
    tool_use_id: Required[str]
    cache_control: Annotated[CacheControlEphemeralParam, OneTag("ephemeral")] | None


class ToolUseBlockParam(TypedDict, total=False):
    type: Required[Literal["tool_use"]]
    id: Required[str]
    input: Required[dict[str, Any]]
    name: Required[str]
    cache_control: Annotated[CacheControlEphemeralParam, OneTag("ephemeral")] | None
    caller: ServerToolUseBlockCaller
    toolset_name: str | None


class WebFetchBlockParam(TypedDict, total=False):
    type: Required[Literal["web_fetch_result"]]
    content: Required[DocumentBlockParam]
    url: Required[str]
    retrieved_at: str | None


class WebFetchToolResultErrorBlockParam(TypedDict, total=False):
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


class WebFetchToolResultBlockParam(TypedDict, total=False):
    type: Required[Literal["web_fetch_tool_result"]]
    content: Required[WebFetchToolResultBlockContent]
    tool_use_id: Required[str]
    cache_control: Annotated[CacheControlEphemeralParam, OneTag("ephemeral")] | None
    caller: ServerToolUseBlockCaller


class WebSearchToolRequestErrorObjectParam(TypedDict, total=False):
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


class WebSearchResultBlockParam(TypedDict, total=False):
    type: Required[Literal["web_search_result"]]
    encrypted_content: Required[str]
    title: Required[str]
    url: Required[str]
    page_age: str | None


class WebSearchToolResultBlockParam(TypedDict, total=False):
    type: Required[Literal["web_search_tool_result"]]
    content: Required[
        Annotated[
            Annotated[WebSearchToolRequestErrorObjectParam, Tag("object")]
            | Annotated[list[WebSearchResultBlockParam], Tag("list")],
            by_kind("object", "list"),
        ]
    ]
    tool_use_id: Required[str]
    cache_control: Annotated[CacheControlEphemeralParam, OneTag("ephemeral")] | None
    caller: ServerToolUseBlockCaller


class Message(TypedDict):
    role: Literal["user", "assistant", "system"]
    content: Annotated[
        Annotated[str, Tag("str")] | Annotated[list[MessageContent], Tag("list")], by_kind("str", "list")
    ]


class SkillParams(TypedDict, total=False):
    type: Required[Literal["anthropic", "custom"]]
    skill_id: Required[str]
    version: str


class ContainerParams(TypedDict, total=False):
    id: str | None
    skills: list[SkillParams] | None


class DiagnosticsParam(TypedDict, total=False):
    previous_message_id: str | None


class MetadataParam(TypedDict, total=False):
    user_id: str | None


class JSONOutputFormatParam(TypedDict, total=False):
    type: Required[Literal["json_schema"]]
    schema: Required[dict[str, Any]]


class OutputConfigParam(TypedDict, total=False):
    effort: Literal["low", "medium", "high", "xhigh", "max"] | None
    format: JSONOutputFormatParam | None


class ThinkingConfigAdaptiveParam(TypedDict, total=False):
    type: Required[Literal["adaptive"]]
    display: Literal["summarized", "omitted"] | None


class ThinkingConfigBetweenToolsParam(TypedDict, total=False):
    type: Required[Literal["between_tools"]]


class ThinkingConfigDisabledParam(TypedDict, total=False):
    type: Required[Literal["disabled"]]


class ThinkingConfigEnabledParam(TypedDict, total=False):
    type: Required[Literal["enabled"]]
    budget_tokens: Required[Annotated[int, Field(ge=1024)]]
    display: Literal["summarized", "omitted"] | None


class ToolChoiceAnyParam(TypedDict, total=False):
    type: Required[Literal["any"]]
    disable_parallel_tool_use: bool


class ToolChoiceAutoParam(TypedDict, total=False):
    type: Required[Literal["auto"]]
    disable_parallel_tool_use: bool


class ToolChoiceNoneParam(TypedDict, total=False):
    type: Required[Literal["none"]]


class ToolChoiceToolParam(TypedDict, total=False):
    type: Required[Literal["tool"]]
    name: Required[str]
    disable_parallel_tool_use: bool


class ToolBash20250124Param(TypedDict, total=False):
    type: Required[Literal["bash_20250124"]]
    name: Required[Literal["bash"]]
    allowed_callers: list[
        Literal["direct", "code_execution_20250825", "code_execution_20260120", "code_execution_20260521"]
    ]
    cache_control: Annotated[CacheControlEphemeralParam, OneTag("ephemeral")] | None
    defer_loading: bool
    input_examples: list[dict[str, Any]]
    strict: bool


class BrowserTypeConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BrowserCloseTabConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BrowserDoubleClickConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BrowserFileUploadConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BrowserFindConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BrowserFormInputConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BrowserGetPageTextConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BrowserHoldKeyConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BrowserHoverConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BrowserJavascriptExecConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BrowserKeyConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BrowserLeftClickConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BrowserLeftClickDragConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BrowserLeftMouseDownConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BrowserLeftMouseUpConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BrowserListTabsConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BrowserMiddleClickConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BrowserMouseMoveConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BrowserNavigateConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BrowserNewTabConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BrowserReadConsoleConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BrowserReadNetworkConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BrowserReadPageConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BrowserRightClickConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BrowserScreenshotConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BrowserScrollConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BrowserScrollToConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BrowserSwitchTabConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BrowserTripleClickConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BrowserWaitConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BrowserZoomConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BrowserToolsetConfigsParam(TypedDict, total=False):
    type: BrowserTypeConfigParam | None
    close_tab: BrowserCloseTabConfigParam | None
    double_click: BrowserDoubleClickConfigParam | None
    file_upload: BrowserFileUploadConfigParam | None
    find: BrowserFindConfigParam | None
    form_input: BrowserFormInputConfigParam | None
    get_page_text: BrowserGetPageTextConfigParam | None
    hold_key: BrowserHoldKeyConfigParam | None
    hover: BrowserHoverConfigParam | None
    javascript_exec: BrowserJavascriptExecConfigParam | None
    key: BrowserKeyConfigParam | None
    left_click: BrowserLeftClickConfigParam | None
    left_click_drag: BrowserLeftClickDragConfigParam | None
    left_mouse_down: BrowserLeftMouseDownConfigParam | None
    left_mouse_up: BrowserLeftMouseUpConfigParam | None
    list_tabs: BrowserListTabsConfigParam | None
    middle_click: BrowserMiddleClickConfigParam | None
    mouse_move: BrowserMouseMoveConfigParam | None
    navigate: BrowserNavigateConfigParam | None
    new_tab: BrowserNewTabConfigParam | None
    read_console: BrowserReadConsoleConfigParam | None
    read_network: BrowserReadNetworkConfigParam | None
    read_page: BrowserReadPageConfigParam | None
    right_click: BrowserRightClickConfigParam | None
    screenshot: BrowserScreenshotConfigParam | None
    scroll: BrowserScrollConfigParam | None
    scroll_to: BrowserScrollToConfigParam | None
    switch_tab: BrowserSwitchTabConfigParam | None
    triple_click: BrowserTripleClickConfigParam | None
    wait: BrowserWaitConfigParam | None
    zoom: BrowserZoomConfigParam | None


class BrowserToolset20260801Param(TypedDict, total=False):
    type: Required[Literal["browser_toolset_20260801"]]
    cache_control: Annotated[CacheControlEphemeralParam, OneTag("ephemeral")] | None
    configs: BrowserToolsetConfigsParam | None


class CodeExecutionTool20250522Param(TypedDict, total=False):
    type: Required[Literal["code_execution_20250522"]]
    name: Required[Literal["code_execution"]]
    allowed_callers: list[
        Literal["direct", "code_execution_20250825", "code_execution_20260120", "code_execution_20260521"]
    ]
    cache_control: Annotated[CacheControlEphemeralParam, OneTag("ephemeral")] | None
    defer_loading: bool
    strict: bool


class CodeExecutionTool20250825Param(TypedDict, total=False):
    type: Required[Literal["code_execution_20250825"]]
    name: Required[Literal["code_execution"]]
    allowed_callers: list[
        Literal["direct", "code_execution_20250825", "code_execution_20260120", "code_execution_20260521"]
    ]
    cache_control: Annotated[CacheControlEphemeralParam, OneTag("ephemeral")] | None
    defer_loading: bool
    strict: bool


class CodeExecutionTool20260120Param(TypedDict, total=False):
    type: Required[Literal["code_execution_20260120"]]
    name: Required[Literal["code_execution"]]
    allowed_callers: list[
        Literal["direct", "code_execution_20250825", "code_execution_20260120", "code_execution_20260521"]
    ]
    cache_control: Annotated[CacheControlEphemeralParam, OneTag("ephemeral")] | None
    defer_loading: bool
    strict: bool


class CodeExecutionTool20260521Param(TypedDict, total=False):
    type: Required[Literal["code_execution_20260521"]]
    name: Required[Literal["code_execution"]]
    allowed_callers: list[
        Literal["direct", "code_execution_20250825", "code_execution_20260120", "code_execution_20260521"]
    ]
    cache_control: Annotated[CacheControlEphemeralParam, OneTag("ephemeral")] | None
    defer_loading: bool
    strict: bool


class ComputerTypeConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class ComputerCursorPositionConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class ComputerDoubleClickConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class ComputerHoldKeyConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class ComputerKeyConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class ComputerLeftClickConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class ComputerLeftClickDragConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class ComputerLeftMouseDownConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class ComputerLeftMouseUpConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class ComputerMiddleClickConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class ComputerMouseMoveConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class ComputerRightClickConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class ComputerScreenshotConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class ComputerScrollConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class ComputerTripleClickConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class ComputerWaitConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class ComputerZoomConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class ComputerToolsetConfigsParam(TypedDict, total=False):
    type: ComputerTypeConfigParam | None
    cursor_position: ComputerCursorPositionConfigParam | None
    double_click: ComputerDoubleClickConfigParam | None
    hold_key: ComputerHoldKeyConfigParam | None
    key: ComputerKeyConfigParam | None
    left_click: ComputerLeftClickConfigParam | None
    left_click_drag: ComputerLeftClickDragConfigParam | None
    left_mouse_down: ComputerLeftMouseDownConfigParam | None
    left_mouse_up: ComputerLeftMouseUpConfigParam | None
    middle_click: ComputerMiddleClickConfigParam | None
    mouse_move: ComputerMouseMoveConfigParam | None
    right_click: ComputerRightClickConfigParam | None
    screenshot: ComputerScreenshotConfigParam | None
    scroll: ComputerScrollConfigParam | None
    triple_click: ComputerTripleClickConfigParam | None
    wait: ComputerWaitConfigParam | None
    zoom: ComputerZoomConfigParam | None


class ComputerToolset20260801Param(TypedDict, total=False):
    type: Required[Literal["computer_toolset_20260801"]]
    cache_control: Annotated[CacheControlEphemeralParam, OneTag("ephemeral")] | None
    configs: ComputerToolsetConfigsParam | None


class InputSchemaTyped(TypedDict, total=False):
    type: Required[Literal["object"]]
    properties: dict[str, Any] | None
    required: list[str] | None


class ToolParam(TypedDict, total=False):
    type: Required[Literal["custom"]]
    input_schema: Required[Annotated[InputSchemaTyped, Open()]]
    name: Required[Annotated[str, Field(pattern=r"^[a-zA-Z0-9_-]{1,128}$")]]
    allowed_callers: list[
        Literal["direct", "code_execution_20250825", "code_execution_20260120", "code_execution_20260521"]
    ]
    cache_control: Annotated[CacheControlEphemeralParam, OneTag("ephemeral")] | None
    defer_loading: bool
    description: str
    eager_input_streaming: bool | None
    input_examples: list[dict[str, Any]]
    strict: bool


class MemoryTool20250818Param(TypedDict, total=False):
    type: Required[Literal["memory_20250818"]]
    name: Required[Literal["memory"]]
    allowed_callers: list[
        Literal["direct", "code_execution_20250825", "code_execution_20260120", "code_execution_20260521"]
    ]
    cache_control: Annotated[CacheControlEphemeralParam, OneTag("ephemeral")] | None
    defer_loading: bool
    input_examples: list[dict[str, Any]]
    strict: bool


class ToolTextEditor20250124Param(TypedDict, total=False):
    type: Required[Literal["text_editor_20250124"]]
    name: Required[Literal["str_replace_editor"]]
    allowed_callers: list[
        Literal["direct", "code_execution_20250825", "code_execution_20260120", "code_execution_20260521"]
    ]
    cache_control: Annotated[CacheControlEphemeralParam, OneTag("ephemeral")] | None
    defer_loading: bool
    input_examples: list[dict[str, Any]]
    strict: bool


class ToolTextEditor20250429Param(TypedDict, total=False):
    type: Required[Literal["text_editor_20250429"]]
    name: Required[Literal["str_replace_based_edit_tool"]]
    allowed_callers: list[
        Literal["direct", "code_execution_20250825", "code_execution_20260120", "code_execution_20260521"]
    ]
    cache_control: Annotated[CacheControlEphemeralParam, OneTag("ephemeral")] | None
    defer_loading: bool
    input_examples: list[dict[str, Any]]
    strict: bool


class ToolTextEditor20250728Param(TypedDict, total=False):
    type: Required[Literal["text_editor_20250728"]]
    name: Required[Literal["str_replace_based_edit_tool"]]
    allowed_callers: list[
        Literal["direct", "code_execution_20250825", "code_execution_20260120", "code_execution_20260521"]
    ]
    cache_control: Annotated[CacheControlEphemeralParam, OneTag("ephemeral")] | None
    defer_loading: bool
    input_examples: list[dict[str, Any]]
    max_characters: int | None
    strict: bool


class ToolSearchToolBm25_20251119Param(TypedDict, total=False):
    type: Required[Literal["tool_search_tool_bm25_20251119", "tool_search_tool_bm25"]]
    name: Required[Literal["tool_search_tool_bm25"]]
    allowed_callers: list[
        Literal["direct", "code_execution_20250825", "code_execution_20260120", "code_execution_20260521"]
    ]
    cache_control: Annotated[CacheControlEphemeralParam, OneTag("ephemeral")] | None
    defer_loading: bool
    strict: bool


class ToolSearchToolRegex20251119Param(TypedDict, total=False):
    type: Required[Literal["tool_search_tool_regex_20251119", "tool_search_tool_regex"]]
    name: Required[Literal["tool_search_tool_regex"]]
    allowed_callers: list[
        Literal["direct", "code_execution_20250825", "code_execution_20260120", "code_execution_20260521"]
    ]
    cache_control: Annotated[CacheControlEphemeralParam, OneTag("ephemeral")] | None
    defer_loading: bool
    strict: bool


class WebFetchURLSourceAllParam(TypedDict, total=False):
    type: Required[Literal["all"]]


class WebFetchURLSourceToolReferenceParam(TypedDict, total=False):
    type: Required[Literal["tool_reference"]]
    name: Required[str]


class WebFetchURLSourceExceptParam(TypedDict, total=False):
    type: Required[Literal["except"]]
    tools: Required[list[WebFetchURLSourceToolReferenceParam]]


class WebFetchURLSourceNoneParam(TypedDict, total=False):
    type: Required[Literal["none"]]


class WebFetchURLSourceOnlyParam(TypedDict, total=False):
    type: Required[Literal["only"]]
    tools: Required[list[WebFetchURLSourceToolReferenceParam]]


class WebFetchURLSourcesParam(TypedDict, total=False):
    client_tool_results: WebFetchURLSourcesClientToolResults
    server_tool_results: WebFetchURLSourcesClientToolResults
    user_input: WebFetchURLSourcesUserInput


class WebFetchTool20250910Param(TypedDict, total=False):
    type: Required[Literal["web_fetch_20250910"]]
    name: Required[Literal["web_fetch"]]
    allowed_callers: list[
        Literal["direct", "code_execution_20250825", "code_execution_20260120", "code_execution_20260521"]
    ]
    allowed_domains: list[str] | None
    blocked_domains: list[str] | None
    cache_control: Annotated[CacheControlEphemeralParam, OneTag("ephemeral")] | None
    citations: CitationsConfigParam | None
    defer_loading: bool
    max_content_tokens: int | None
    max_uses: int | None
    strict: bool
    url_sources: WebFetchURLSourcesParam | None


class WebFetchTool20260209Param(TypedDict, total=False):
    type: Required[Literal["web_fetch_20260209"]]
    name: Required[Literal["web_fetch"]]
    allowed_callers: list[
        Literal["direct", "code_execution_20250825", "code_execution_20260120", "code_execution_20260521"]
    ]
    allowed_domains: list[str] | None
    blocked_domains: list[str] | None
    cache_control: Annotated[CacheControlEphemeralParam, OneTag("ephemeral")] | None
    citations: CitationsConfigParam | None
    defer_loading: bool
    max_content_tokens: int | None
    max_uses: int | None
    strict: bool
    url_sources: WebFetchURLSourcesParam | None


class WebFetchTool20260309Param(TypedDict, total=False):
    type: Required[Literal["web_fetch_20260309"]]
    name: Required[Literal["web_fetch"]]
    allowed_callers: list[
        Literal["direct", "code_execution_20250825", "code_execution_20260120", "code_execution_20260521"]
    ]
    allowed_domains: list[str] | None
    blocked_domains: list[str] | None
    cache_control: Annotated[CacheControlEphemeralParam, OneTag("ephemeral")] | None
    citations: CitationsConfigParam | None
    defer_loading: bool
    max_content_tokens: int | None
    max_uses: int | None
    strict: bool
    url_sources: WebFetchURLSourcesParam | None
    use_cache: bool


class WebFetchTool20260318Param(TypedDict, total=False):
    type: Required[Literal["web_fetch_20260318"]]
    name: Required[Literal["web_fetch"]]
    allowed_callers: list[
        Literal["direct", "code_execution_20250825", "code_execution_20260120", "code_execution_20260521"]
    ]
    allowed_domains: list[str] | None
    blocked_domains: list[str] | None
    cache_control: Annotated[CacheControlEphemeralParam, OneTag("ephemeral")] | None
    citations: CitationsConfigParam | None
    defer_loading: bool
    max_content_tokens: int | None
    max_uses: int | None
    response_inclusion: Literal["full", "excluded"]
    strict: bool
    url_sources: WebFetchURLSourcesParam | None
    use_cache: bool


class UserLocationParam(TypedDict, total=False):
    type: Required[Literal["approximate"]]
    city: str | None
    country: str | None
    region: str | None
    timezone: str | None


class WebSearchTool20250305Param(TypedDict, total=False):
    type: Required[Literal["web_search_20250305"]]
    name: Required[Literal["web_search"]]
    allowed_callers: list[
        Literal["direct", "code_execution_20250825", "code_execution_20260120", "code_execution_20260521"]
    ]
    allowed_domains: list[str] | None
    blocked_domains: list[str] | None
    cache_control: Annotated[CacheControlEphemeralParam, OneTag("ephemeral")] | None
    defer_loading: bool
    max_uses: int | None
    strict: bool
    user_location: UserLocationParam | None


class WebSearchTool20260209Param(TypedDict, total=False):
    type: Required[Literal["web_search_20260209"]]
    name: Required[Literal["web_search"]]
    allowed_callers: list[
        Literal["direct", "code_execution_20250825", "code_execution_20260120", "code_execution_20260521"]
    ]
    allowed_domains: list[str] | None
    blocked_domains: list[str] | None
    cache_control: Annotated[CacheControlEphemeralParam, OneTag("ephemeral")] | None
    defer_loading: bool
    max_uses: int | None
    strict: bool
    user_location: UserLocationParam | None


class WebSearchTool20260318Param(TypedDict, total=False):
    type: Required[Literal["web_search_20260318"]]
    name: Required[Literal["web_search"]]
    allowed_callers: list[
        Literal["direct", "code_execution_20250825", "code_execution_20260120", "code_execution_20260521"]
    ]
    allowed_domains: list[str] | None
    blocked_domains: list[str] | None
    cache_control: Annotated[CacheControlEphemeralParam, OneTag("ephemeral")] | None
    defer_loading: bool
    max_uses: int | None
    response_inclusion: Literal["full", "excluded"]
    strict: bool
    user_location: UserLocationParam | None


class MessageCreateParams(TypedDict, total=False):
    max_tokens: Required[Annotated[int, Field(ge=0)]]
    messages: Required[Annotated[list[Message], Field(max_length=100000)]]
    model: Required[str]
    cache_control: Annotated[CacheControlEphemeralParam, OneTag("ephemeral")] | None
    container: (
        Annotated[
            Annotated[str, Tag("str")] | Annotated[ContainerParams, Tag("object")], by_kind("str", "object")
        ]
        | None
    )
    diagnostics: DiagnosticsParam | None
    inference_geo: str | None
    metadata: MetadataParam
    output_config: OutputConfigParam
    service_tier: Literal["auto", "standard_only"]
    speed: Literal["fast", "standard"] | None
    stop_sequences: list[str]
    system: Annotated[
        Annotated[str, Tag("str")] | Annotated[list[TextBlockParam], Tag("list")], by_kind("str", "list")
    ]
    thinking: MessageCreateParamsThinking
    tool_choice: MessageCreateParamsToolChoice
    tools: list[MessageCreateParamsTools]
    stream: bool
    temperature: Annotated[float, Field(ge=0.0, le=2.0)]
    top_p: Annotated[float, Field(ge=0.0, le=1.0)]
    top_k: Annotated[int, Field(ge=0)]


class BetaAdvisorRedactedResultBlockParam(TypedDict, total=False):
    type: Required[Literal["advisor_redacted_result"]]
    encrypted_content: Required[str]
    stop_reason: str | None


class BetaAdvisorResultBlockParam(TypedDict, total=False):
    type: Required[Literal["advisor_result"]]
    text: Required[str]
    stop_reason: str | None


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


class BetaCacheControlEphemeralParam(TypedDict, total=False):
    type: Required[Literal["ephemeral"]]
    ttl: Literal["5m", "1h"]


class BetaAdvisorToolResultBlockParam(TypedDict, total=False):
    type: Required[Literal["advisor_tool_result"]]
    content: Required[BetaAdvisorToolResultBlockContent]
    tool_use_id: Required[str]
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None


class BetaBashCodeExecutionOutputBlockParam(TypedDict, total=False):
    type: Required[Literal["bash_code_execution_output"]]
    file_id: Required[str]


class BetaBashCodeExecutionResultBlockParam(TypedDict, total=False):
    type: Required[Literal["bash_code_execution_result"]]
    content: Required[list[BetaBashCodeExecutionOutputBlockParam]]
    return_code: Required[int]
    stderr: Required[str]
    stdout: Required[str]


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


class BetaBashCodeExecutionToolResultBlockParam(TypedDict, total=False):
    type: Required[Literal["bash_code_execution_tool_result"]]
    content: Required[BetaBashCodeExecutionToolResultBlockContent]
    tool_use_id: Required[str]
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None


class BetaCodeExecutionOutputBlockParam(TypedDict, total=False):
    type: Required[Literal["code_execution_output"]]
    file_id: Required[str]


class BetaCodeExecutionResultBlockParam(TypedDict, total=False):
    type: Required[Literal["code_execution_result"]]
    content: Required[list[BetaCodeExecutionOutputBlockParam]]
    return_code: Required[int]
    stderr: Required[str]
    stdout: Required[str]


class BetaCodeExecutionToolResultErrorParam(TypedDict, total=False):
    type: Required[Literal["code_execution_tool_result_error"]]
    error_code: Required[
        Literal["invalid_tool_input", "unavailable", "too_many_requests", "execution_time_exceeded"]
    ]


class BetaEncryptedCodeExecutionResultBlockParam(TypedDict, total=False):
    type: Required[Literal["encrypted_code_execution_result"]]
    content: Required[list[BetaCodeExecutionOutputBlockParam]]
    encrypted_stdout: Required[str]
    return_code: Required[int]
    stderr: Required[str]


class BetaCodeExecutionToolResultBlockParam(TypedDict, total=False):
    type: Required[Literal["code_execution_tool_result"]]
    content: Required[BetaCodeExecutionToolResultBlockContent]
    tool_use_id: Required[str]
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None


class BetaToolChangeMCPToolReferenceParam(TypedDict, total=False):
    type: Required[Literal["mcp_tool_reference"]]
    name: Required[str]
    server_name: Required[str]


class BetaToolChangeMCPToolsetReferenceParam(TypedDict, total=False):
    type: Required[Literal["mcp_toolset_reference"]]
    server_name: Required[str]


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


class BetaBrowserTypeConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BetaBrowserCloseTabConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BetaBrowserDoubleClickConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BetaBrowserFileUploadConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BetaBrowserFindConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BetaBrowserFormInputConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BetaBrowserGetPageTextConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BetaBrowserHoldKeyConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BetaBrowserHoverConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BetaBrowserJavascriptExecConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BetaBrowserKeyConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BetaBrowserLeftClickConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BetaBrowserLeftClickDragConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BetaBrowserLeftMouseDownConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BetaBrowserLeftMouseUpConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BetaBrowserListTabsConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BetaBrowserMiddleClickConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BetaBrowserMouseMoveConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BetaBrowserNavigateConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BetaBrowserNewTabConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BetaBrowserReadConsoleConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BetaBrowserReadNetworkConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BetaBrowserReadPageConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BetaBrowserRightClickConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BetaBrowserScreenshotConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BetaBrowserScrollConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BetaBrowserScrollToConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BetaBrowserSwitchTabConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BetaBrowserTripleClickConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BetaBrowserWaitConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BetaBrowserZoomConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


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


class BetaBrowserToolset20260801Param(TypedDict, total=False):
    type: Required[Literal["browser_toolset_20260801"]]
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None
    configs: BetaBrowserToolsetConfigsParam | None


class BetaCodeExecutionTool20250522Param(TypedDict, total=False):
    type: Required[Literal["code_execution_20250522"]]
    name: Required[Literal["code_execution"]]
    allowed_callers: list[
        Literal["direct", "code_execution_20250825", "code_execution_20260120", "code_execution_20260521"]
    ]
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None
    defer_loading: bool
    strict: bool


class BetaCodeExecutionTool20250825Param(TypedDict, total=False):
    type: Required[Literal["code_execution_20250825"]]
    name: Required[Literal["code_execution"]]
    allowed_callers: list[
        Literal["direct", "code_execution_20250825", "code_execution_20260120", "code_execution_20260521"]
    ]
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None
    defer_loading: bool
    strict: bool


class BetaCodeExecutionTool20260120Param(TypedDict, total=False):
    type: Required[Literal["code_execution_20260120"]]
    name: Required[Literal["code_execution"]]
    allowed_callers: list[
        Literal["direct", "code_execution_20250825", "code_execution_20260120", "code_execution_20260521"]
    ]
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None
    defer_loading: bool
    strict: bool


class BetaCodeExecutionTool20260521Param(TypedDict, total=False):
    type: Required[Literal["code_execution_20260521"]]
    name: Required[Literal["code_execution"]]
    allowed_callers: list[
        Literal["direct", "code_execution_20250825", "code_execution_20260120", "code_execution_20260521"]
    ]
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None
    defer_loading: bool
    strict: bool


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


class BetaComputerTypeConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BetaComputerCursorPositionConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BetaComputerDoubleClickConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BetaComputerHoldKeyConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BetaComputerKeyConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BetaComputerLeftClickConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BetaComputerLeftClickDragConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BetaComputerLeftMouseDownConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BetaComputerLeftMouseUpConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BetaComputerMiddleClickConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BetaComputerMouseMoveConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BetaComputerRightClickConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BetaComputerScreenshotConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BetaComputerScrollConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BetaComputerTripleClickConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BetaComputerWaitConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


class BetaComputerZoomConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


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


class BetaComputerToolset20260801Param(TypedDict, total=False):
    type: Required[Literal["computer_toolset_20260801"]]
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None
    configs: BetaComputerToolsetConfigsParam | None


class BetaInputSchemaTyped(TypedDict, total=False):
    type: Required[Literal["object"]]
    properties: dict[str, Any] | None
    required: list[str] | None


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


class BetaMCPToolDefaultConfigParam(TypedDict, total=False):
    defer_loading: bool
    enabled: bool


class BetaMCPToolParamParam(TypedDict, total=False):
    input_schema: Required[dict[str, Any]]
    name: Required[str]
    description: str | None


class BetaMCPToolsetParam(TypedDict, total=False):
    type: Required[Literal["mcp_toolset"]]
    mcp_server_name: Required[str]
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None
    configs: dict[str, Any] | None
    default_config: BetaMCPToolDefaultConfigParam
    tools: list[BetaMCPToolParamParam] | None


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


class BetaToolSearchToolBm25_20251119Param(TypedDict, total=False):
    type: Required[Literal["tool_search_tool_bm25_20251119", "tool_search_tool_bm25"]]
    name: Required[Literal["tool_search_tool_bm25"]]
    allowed_callers: list[
        Literal["direct", "code_execution_20250825", "code_execution_20260120", "code_execution_20260521"]
    ]
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None
    defer_loading: bool
    strict: bool


class BetaToolSearchToolRegex20251119Param(TypedDict, total=False):
    type: Required[Literal["tool_search_tool_regex_20251119", "tool_search_tool_regex"]]
    name: Required[Literal["tool_search_tool_regex"]]
    allowed_callers: list[
        Literal["direct", "code_execution_20250825", "code_execution_20260120", "code_execution_20260521"]
    ]
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None
    defer_loading: bool
    strict: bool


class BetaCitationsConfigParamParam(TypedDict, total=False):
    enabled: bool


class BetaWebFetchURLSourceAllParam(TypedDict, total=False):
    type: Required[Literal["all"]]


class BetaWebFetchURLSourceToolReferenceParam(TypedDict, total=False):
    type: Required[Literal["tool_reference"]]
    name: Required[str]


class BetaWebFetchURLSourceExceptParam(TypedDict, total=False):
    type: Required[Literal["except"]]
    tools: Required[list[BetaWebFetchURLSourceToolReferenceParam]]


class BetaWebFetchURLSourceNoneParam(TypedDict, total=False):
    type: Required[Literal["none"]]


class BetaWebFetchURLSourceOnlyParam(TypedDict, total=False):
    type: Required[Literal["only"]]
    tools: Required[list[BetaWebFetchURLSourceToolReferenceParam]]


class BetaWebFetchURLSourcesParam(TypedDict, total=False):
    client_tool_results: BetaWebFetchURLSourcesClientToolResults
    server_tool_results: BetaWebFetchURLSourcesClientToolResults
    user_input: BetaWebFetchURLSourcesUserInput


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


class BetaUserLocationParam(TypedDict, total=False):
    type: Required[Literal["approximate"]]
    city: str | None
    country: str | None
    region: str | None
    timezone: str | None


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


class BetaToolChangeToolDefinitionParam(TypedDict, total=False):
    type: Required[Literal["tool_definition"]]
    definition: Required[BetaToolChangeToolDefinitionDefinition]


class BetaToolChangeToolReferenceParam(TypedDict, total=False):
    type: Required[Literal["tool_reference"]]
    name: Required[str]


class BetaRequestToolAdditionBlockParam(TypedDict, total=False):
    type: Required[Literal["tool_addition"]]
    tool: Required[BetaRequestToolAdditionBlockTool]
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None


class BetaRequestToolRemovalBlockParam(TypedDict, total=False):
    type: Required[Literal["tool_removal"]]
    tool: Required[BetaRequestToolRemovalBlockTool]
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None


class BetaCompactionBlockParam(TypedDict, total=False):
    type: Required[Literal["compaction"]]
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None
    content: str | None
    encrypted_content: str | None
    signature: str | None
    tool_changes: list[BetaCompactionBlockToolChanges] | None


class BetaContainerUploadBlockParam(TypedDict, total=False):
    type: Required[Literal["container_upload"]]
    file_id: Required[str]
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None


class BetaBase64PDFSourceParam(TypedDict, total=False):
    type: Required[Literal["base64"]]
    data: Required[str]
    media_type: Required[Literal["application/pdf"]]


class BetaBase64ImageSourceParam(TypedDict, total=False):
    type: Required[Literal["base64"]]
    data: Required[str]
    media_type: Required[Literal["image/jpeg", "image/png", "image/gif", "image/webp"]]


class BetaFileImageSourceParam(TypedDict, total=False):
    type: Required[Literal["file"]]
    file_id: Required[str]


class BetaURLImageSourceParam(TypedDict, total=False):
    type: Required[Literal["url"]]
    url: Required[str]


class BetaImageTransformationsParam(TypedDict, total=False):
    oversized_image: Literal["downsize", "error"]


class BetaImageBlockParam(TypedDict, total=False):
    type: Required[Literal["image"]]
    source: Required[BetaImageBlockSource]
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None
    transformations: BetaImageTransformationsParam | None


class BetaCitationCharLocationParam(TypedDict, total=False):
    type: Required[Literal["char_location"]]
    cited_text: Required[str]
    document_index: Required[int]
    document_title: Required[str | None]
    end_char_index: Required[int]
    start_char_index: Required[int]


class BetaCitationContentBlockLocationParam(TypedDict, total=False):
    type: Required[Literal["content_block_location"]]
    cited_text: Required[str]
    document_index: Required[int]
    document_title: Required[str | None]
    end_block_index: Required[int]
    start_block_index: Required[int]


class BetaCitationPageLocationParam(TypedDict, total=False):
    type: Required[Literal["page_location"]]
    cited_text: Required[str]
    document_index: Required[int]
    document_title: Required[str | None]
    end_page_number: Required[int]
    start_page_number: Required[int]


class BetaCitationSearchResultLocationParam(TypedDict, total=False):
    type: Required[Literal["search_result_location"]]
    cited_text: Required[str]
    end_block_index: Required[int]
    search_result_index: Required[int]
    source: Required[str]
    start_block_index: Required[int]
    title: Required[str | None]


class BetaCitationWebSearchResultLocationParam(TypedDict, total=False):
    type: Required[Literal["web_search_result_location"]]
    cited_text: Required[str]
    encrypted_index: Required[str]
    title: Required[str | None]
    url: Required[str]


class BetaTextBlockParam(TypedDict, total=False):
    type: Required[Literal["text"]]
    text: Required[str]
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None
    citations: list[BetaTextBlockCitations] | None


class BetaContentBlockSourceParam(TypedDict, total=False):
    type: Required[Literal["content"]]
    content: Required[
        Annotated[
            Annotated[str, Tag("str")] | Annotated[list[BetaContentBlockSourceContent], Tag("list")],
            by_kind("str", "list"),
        ]
    ]


class BetaFileDocumentSourceParam(TypedDict, total=False):
    type: Required[Literal["file"]]
    file_id: Required[str]


class BetaPlainTextSourceParam(TypedDict, total=False):
    type: Required[Literal["text"]]
    data: Required[str]
    media_type: Required[Literal["text/plain"]]


class BetaURLPDFSourceParam(TypedDict, total=False):
    type: Required[Literal["url"]]
    url: Required[str]


class BetaRequestDocumentBlockParam(TypedDict, total=False):
    type: Required[Literal["document"]]
    source: Required[BetaRequestDocumentBlockSource]
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None
    citations: BetaCitationsConfigParamParam | None
    context: str | None
    title: str | None


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


class BetaMCPToolListingBlockParam(TypedDict, total=False):
    type: Required[Literal["mcp_tool_listing"]]
    mcp_server_name: Required[str]
    tools: Required[list[BetaMCPToolParamParam]]


class BetaRequestMCPToolResultBlockParam(TypedDict, total=False):
    type: Required[Literal["mcp_tool_result"]]
    tool_use_id: Required[str]
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None
    content: Annotated[
        Annotated[str, Tag("str")] | Annotated[list[BetaTextBlockParam], Tag("list")], by_kind("str", "list")
    ]
    is_error: bool


class BetaMCPToolUseBlockParam(TypedDict, total=False):
    type: Required[Literal["mcp_tool_use"]]
    id: Required[str]
    input: Required[dict[str, Any]]
    name: Required[str]
    server_name: Required[str]
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None


class BetaRedactedThinkingBlockParam(TypedDict, total=False):
    type: Required[Literal["redacted_thinking"]]
    data: Required[str]


class BetaSearchResultBlockParam(TypedDict, total=False):
    type: Required[Literal["search_result"]]
    content: Required[list[BetaTextBlockParam]]
    source: Required[str]
    title: Required[str]
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None
    citations: BetaCitationsConfigParamParam


class BetaServerToolCallerParam(TypedDict, total=False):
    type: Required[Literal["code_execution_20250825"]]
    tool_id: Required[str]


class BetaServerToolCaller20260120Param(TypedDict, total=False):
    type: Required[Literal["code_execution_20260120"]]
    tool_id: Required[str]


class BetaDirectCallerParam(TypedDict, total=False):
    type: Required[Literal["direct"]]


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


class BetaTextEditorCodeExecutionCreateResultBlockParam(TypedDict, total=False):
    type: Required[Literal["text_editor_code_execution_create_result"]]
    is_file_update: Required[bool]


class BetaTextEditorCodeExecutionStrReplaceResultBlockParam(TypedDict, total=False):
    type: Required[Literal["text_editor_code_execution_str_replace_result"]]
    lines: list[str] | None
    new_lines: int | None
    new_start: int | None
    old_lines: int | None
    old_start: int | None


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


class BetaTextEditorCodeExecutionViewResultBlockParam(TypedDict, total=False):
    type: Required[Literal["text_editor_code_execution_view_result"]]
    content: Required[str]
    file_type: Required[Literal["text", "image", "pdf"]]
    num_lines: int | None
    start_line: int | None
    total_lines: int | None


class BetaTextEditorCodeExecutionToolResultBlockParam(TypedDict, total=False):
    type: Required[Literal["text_editor_code_execution_tool_result"]]
    content: Required[BetaTextEditorCodeExecutionToolResultBlockContent]
    tool_use_id: Required[str]
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None


class BetaThinkingBlockParam(TypedDict, total=False):
    type: Required[Literal["thinking"]]
    signature: Required[str]
    thinking: Required[str]


class BetaBrowserStateTabEntryParam(TypedDict, total=False):
    tab_id: Required[str]
    title: Required[str]
    url: Required[str]
    active: bool


class BetaBrowserStateChangeDownloadCompletedParam(TypedDict, total=False):
    type: Required[Literal["download_completed"]]
    download_id: Required[str]
    url: Required[str]
    path: str | None
    size_bytes: int | None


class BetaBrowserStateChangeDownloadFailedParam(TypedDict, total=False):
    type: Required[Literal["download_failed"]]
    download_id: Required[str]
    url: Required[str]
    error: str | None


class BetaBrowserStateChangeDownloadStartedParam(TypedDict, total=False):
    type: Required[Literal["download_started"]]
    download_id: Required[str]
    url: Required[str]


class BetaBrowserStateChangeTabOpenedParam(TypedDict, total=False):
    type: Required[Literal["tab_opened"]]
    tab_id: Required[str]


class BetaBrowserStateBlockParam(TypedDict, total=False):
    type: Required[Literal["browser_state"]]
    tabs: Required[list[BetaBrowserStateTabEntryParam]]
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None
    state_changes: list[BetaBrowserStateBlockStateChanges] | None


class BetaToolReferenceBlockParam(TypedDict, total=False):
    type: Required[Literal["tool_reference"]]
    tool_name: Required[str]
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None


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


class BetaToolSearchToolResultErrorParam(TypedDict, total=False):
    type: Required[Literal["tool_search_tool_result_error"]]
    error_code: Required[
        Literal["invalid_tool_input", "unavailable", "too_many_requests", "execution_time_exceeded"]
    ]
    error_message: str | None


class BetaToolSearchToolSearchResultBlockParam(TypedDict, total=False):
    type: Required[Literal["tool_search_tool_search_result"]]
    tool_references: Required[list[BetaToolReferenceBlockParam]]


class BetaToolSearchToolResultBlockParam(TypedDict, total=False):
    type: Required[Literal["tool_search_tool_result"]]
    content: Required[BetaToolSearchToolResultBlockContent]
    tool_use_id: Required[str]
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None


class BetaToolUseBlockParam(TypedDict, total=False):
    type: Required[Literal["tool_use"]]
    id: Required[str]
    input: Required[dict[str, Any]]
    name: Required[str]
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None
    caller: BetaServerToolUseBlockCaller
    toolset_name: str | None


class BetaWebFetchBlockParam(TypedDict, total=False):
    type: Required[Literal["web_fetch_result"]]
    content: Required[BetaRequestDocumentBlockParam]
    url: Required[str]
    retrieved_at: str | None


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


class BetaWebFetchToolResultBlockParam(TypedDict, total=False):
    type: Required[Literal["web_fetch_tool_result"]]
    content: Required[BetaWebFetchToolResultBlockContent]
    tool_use_id: Required[str]
    cache_control: Annotated[BetaCacheControlEphemeralParam, OneTag("ephemeral")] | None
    caller: BetaServerToolUseBlockCaller


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


class BetaWebSearchResultBlockParam(TypedDict, total=False):
    type: Required[Literal["web_search_result"]]
    encrypted_content: Required[str]
    title: Required[str]
    url: Required[str]
    page_age: str | None


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


class BetaMessage(TypedDict):
    role: Literal["user", "assistant", "system"]
    content: Annotated[
        Annotated[str, Tag("str")] | Annotated[list[BetaMessageContent], Tag("list")], by_kind("str", "list")
    ]


class BetaBillingPolicyParam(TypedDict, total=False):
    type: Required[Literal["billing_policy"]]
    bill_to: Literal["self", "user_profile"]


class BetaCompactionConfigParam(TypedDict, total=False):
    type: Required[Literal["summarize"]]
    instructions: str | None


class BetaSkillParams(TypedDict, total=False):
    type: Required[Literal["anthropic", "custom"]]
    skill_id: Required[str]
    version: str


class BetaContainerParams(TypedDict, total=False):
    id: str | None
    skills: list[BetaSkillParams] | None


class BetaAllThinkingTurnsParam(TypedDict, total=False):
    type: Required[Literal["all"]]


class BetaThinkingTurnsParam(TypedDict, total=False):
    type: Required[Literal["thinking_turns"]]
    value: Required[int]


class BetaClearThinking20251015EditParam(TypedDict, total=False):
    type: Required[Literal["clear_thinking_20251015"]]
    keep: Annotated[
        Annotated[Literal["all"], Tag("str")] | Annotated[BetaClearThinking20251015EditKeep, Tag("object")],
        by_kind("str", "object"),
    ]


class BetaInputTokensClearAtLeastParam(TypedDict, total=False):
    type: Required[Literal["input_tokens"]]
    value: Required[int]


class BetaToolUsesKeepParam(TypedDict, total=False):
    type: Required[Literal["tool_uses"]]
    value: Required[int]


class BetaInputTokensTriggerParam(TypedDict, total=False):
    type: Required[Literal["input_tokens"]]
    value: Required[int]


class BetaToolUsesTriggerParam(TypedDict, total=False):
    type: Required[Literal["tool_uses"]]
    value: Required[int]


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


class BetaCompact20260112EditParam(TypedDict, total=False):
    type: Required[Literal["compact_20260112"]]
    instructions: str | None
    pause_after_compaction: bool
    trigger: BetaInputTokensTriggerParam | None


class BetaContextManagementConfigParam(TypedDict, total=False):
    edits: list[BetaContextManagementConfigEdits]


class BetaDiagnosticsParam(TypedDict, total=False):
    previous_message_id: str | None


class BetaFallbackCreditTokenParam(TypedDict, total=False):
    token: Required[str]
    mode: Literal["strict", "best_effort"]


class BetaJSONOutputFormatParam(TypedDict, total=False):
    type: Required[Literal["json_schema"]]
    schema: Required[dict[str, Any]]


class BetaTokenTaskBudgetParam(TypedDict, total=False):
    type: Required[Literal["tokens"]]
    total: Required[int]
    remaining: int | None


class BetaOutputConfigParam(TypedDict, total=False):
    effort: Literal["low", "medium", "high", "xhigh", "max"] | None
    format: BetaJSONOutputFormatParam | None
    task_budget: BetaTokenTaskBudgetParam | None


class BetaThinkingBlockBindingParam(TypedDict, total=False):
    prefix_mismatch_behavior: Literal["error", "drop_block"] | None


class BetaThinkingConfigAdaptiveParam(TypedDict, total=False):
    type: Required[Literal["adaptive"]]
    block_binding: BetaThinkingBlockBindingParam | None
    display: Literal["summarized", "omitted", "updates"] | None


class BetaThinkingConfigBetweenToolsParam(TypedDict, total=False):
    type: Required[Literal["between_tools"]]


class BetaThinkingConfigDisabledParam(TypedDict, total=False):
    type: Required[Literal["disabled"]]


class BetaThinkingConfigEnabledParam(TypedDict, total=False):
    type: Required[Literal["enabled"]]
    budget_tokens: Required[Annotated[int, Field(ge=1024)]]
    block_binding: BetaThinkingBlockBindingParam | None
    display: Literal["summarized", "omitted", "updates"] | None


class BetaFallbackParam(TypedDict, total=False):
    model: Required[str]
    max_tokens: int | None
    output_config: BetaOutputConfigParam | None
    speed: Literal["standard", "fast"] | None
    thinking: BetaFallbackThinking | None


class BetaRequestMCPServerToolConfigurationParam(TypedDict, total=False):
    allowed_tools: list[str] | None
    enabled: bool | None


class BetaRequestMCPServerURLDefinitionParam(TypedDict, total=False):
    type: Required[Literal["url"]]
    name: Required[str]
    url: Required[str]
    authorization_token: str | None
    tool_configuration: BetaRequestMCPServerToolConfigurationParam | None


class BetaMetadataParam(TypedDict, total=False):
    user_id: str | None


class BetaThreadContinueParams(TypedDict, total=False):
    type: Required[Literal["continue"]]
    previous_message_id: Required[str]


class BetaThreadCreateParams(TypedDict, total=False):
    type: Required[Literal["create"]]


class BetaToolChoiceAnyParam(TypedDict, total=False):
    type: Required[Literal["any"]]
    disable_parallel_tool_use: bool


class BetaToolChoiceAutoParam(TypedDict, total=False):
    type: Required[Literal["auto"]]
    disable_parallel_tool_use: bool


class BetaToolChoiceNoneParam(TypedDict, total=False):
    type: Required[Literal["none"]]


class BetaToolChoiceToolParam(TypedDict, total=False):
    type: Required[Literal["tool"]]
    name: Required[str]
    disable_parallel_tool_use: bool


class BetaMessageCreateParams(TypedDict, total=False):
    max_tokens: Required[Annotated[int, Field(ge=0)]]
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


BashCodeExecutionToolResultBlockContent = Annotated[
    BashCodeExecutionResultBlockParam | BashCodeExecutionToolResultErrorParam, Field(discriminator="type")
]
CodeExecutionToolResultBlockContent = Annotated[
    CodeExecutionResultBlockParam
    | CodeExecutionToolResultErrorParam
    | EncryptedCodeExecutionResultBlockParam,
    Field(discriminator="type"),
]
ImageBlockSource = Annotated[
    Base64ImageSourceParam | FileImageSourceParam | URLImageSourceParam, Field(discriminator="type")
]
TextBlockCitations = Annotated[
    CitationCharLocationParam
    | CitationContentBlockLocationParam
    | CitationPageLocationParam
    | CitationSearchResultLocationParam
    | CitationWebSearchResultLocationParam,
    Field(discriminator="type"),
]
ContentBlockSourceContent = Annotated[ImageBlockParam | TextBlockParam, Field(discriminator="type")]
DocumentBlockSource = Annotated[
    Base64PDFSourceParam
    | ContentBlockSourceParam
    | FileDocumentSourceParam
    | PlainTextSourceParam
    | URLPDFSourceParam,
    Field(discriminator="type"),
]
ServerToolUseBlockCaller = Annotated[
    ServerToolCallerParam | ServerToolCaller20260120Param | DirectCallerParam, Field(discriminator="type")
]
TextEditorCodeExecutionToolResultBlockContent = Annotated[
    TextEditorCodeExecutionCreateResultBlockParam
    | TextEditorCodeExecutionStrReplaceResultBlockParam
    | TextEditorCodeExecutionToolResultErrorParam
    | TextEditorCodeExecutionViewResultBlockParam,
    Field(discriminator="type"),
]
BrowserStateBlockStateChanges = Annotated[
    BrowserStateChangeDownloadCompletedParam
    | BrowserStateChangeDownloadFailedParam
    | BrowserStateChangeDownloadStartedParam
    | BrowserStateChangeTabOpenedParam,
    Field(discriminator="type"),
]
ToolResultBlockContent = Annotated[
    BrowserStateBlockParam
    | DocumentBlockParam
    | ImageBlockParam
    | SearchResultBlockParam
    | TextBlockParam
    | ToolReferenceBlockParam,
    Field(discriminator="type"),
]
ToolSearchToolResultBlockContent = Annotated[
    ToolSearchToolResultErrorParam | ToolSearchToolSearchResultBlockParam, Field(discriminator="type")
]
WebFetchToolResultBlockContent = Annotated[
    WebFetchBlockParam | WebFetchToolResultErrorBlockParam, Field(discriminator="type")
]
MessageContent = Annotated[
    BashCodeExecutionToolResultBlockParam
    | CodeExecutionToolResultBlockParam
    | ContainerUploadBlockParam
    | DocumentBlockParam
    | ImageBlockParam
    | RedactedThinkingBlockParam
    | SearchResultBlockParam
    | ServerToolUseBlockParam
    | TextBlockParam
    | TextEditorCodeExecutionToolResultBlockParam
    | ThinkingBlockParam
    | ToolResultBlockParam
    | ToolSearchToolResultBlockParam
    | ToolUseBlockParam
    | WebFetchToolResultBlockParam
    | WebSearchToolResultBlockParam,
    Field(discriminator="type"),
]
MessageCreateParamsThinking = Annotated[
    ThinkingConfigAdaptiveParam
    | ThinkingConfigBetweenToolsParam
    | ThinkingConfigDisabledParam
    | ThinkingConfigEnabledParam,
    Field(discriminator="type"),
]
MessageCreateParamsToolChoice = Annotated[
    ToolChoiceAnyParam | ToolChoiceAutoParam | ToolChoiceNoneParam | ToolChoiceToolParam,
    Field(discriminator="type"),
]
WebFetchURLSourcesClientToolResults = Annotated[
    WebFetchURLSourceAllParam
    | WebFetchURLSourceExceptParam
    | WebFetchURLSourceNoneParam
    | WebFetchURLSourceOnlyParam,
    Field(discriminator="type"),
]
WebFetchURLSourcesUserInput = Annotated[
    WebFetchURLSourceAllParam | WebFetchURLSourceNoneParam, Field(discriminator="type")
]
MessageCreateParamsTools = Annotated[
    ToolBash20250124Param
    | BrowserToolset20260801Param
    | CodeExecutionTool20250522Param
    | CodeExecutionTool20250825Param
    | CodeExecutionTool20260120Param
    | CodeExecutionTool20260521Param
    | ComputerToolset20260801Param
    | ToolParam
    | MemoryTool20250818Param
    | ToolTextEditor20250124Param
    | ToolTextEditor20250429Param
    | ToolTextEditor20250728Param
    | ToolSearchToolBm25_20251119Param
    | ToolSearchToolRegex20251119Param
    | WebFetchTool20250910Param
    | WebFetchTool20260209Param
    | WebFetchTool20260309Param
    | WebFetchTool20260318Param
    | WebSearchTool20250305Param
    | WebSearchTool20260209Param
    | WebSearchTool20260318Param,
    Field(discriminator="type"),
    DefaultTag("custom"),
]
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


REQUEST = TypeAdapter(MessageCreateParams)
BETA_REQUEST = TypeAdapter(BetaMessageCreateParams)
