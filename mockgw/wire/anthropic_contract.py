"""The Anthropic Messages request contract: `MessageCreateParams`, validated by `REQUEST`, and
`MessageCountTokensParams` (POST /v1/messages/count_tokens; its TypeAdapter is built on first use).

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
class BashCodeExecutionOutputBlockParam(TypedDict, total=False):
    type: Required[Literal["bash_code_execution_output"]]
    file_id: Required[str]


@with_config(STRICT)
class BashCodeExecutionResultBlockParam(TypedDict, total=False):
    type: Required[Literal["bash_code_execution_result"]]
    content: Required[list[BashCodeExecutionOutputBlockParam]]
    return_code: Required[int]
    stderr: Required[str]
    stdout: Required[str]


@with_config(STRICT)
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


@with_config(STRICT)
class CacheControlEphemeralParam(TypedDict, total=False):
    type: Required[Literal["ephemeral"]]
    ttl: Literal["5m", "1h"]


@with_config(STRICT)
class BashCodeExecutionToolResultBlockParam(TypedDict, total=False):
    type: Required[Literal["bash_code_execution_tool_result"]]
    content: Required[BashCodeExecutionToolResultBlockContent]
    tool_use_id: Required[str]
    cache_control: Annotated[CacheControlEphemeralParam, OneTag("ephemeral")] | None


@with_config(STRICT)
class CodeExecutionOutputBlockParam(TypedDict, total=False):
    type: Required[Literal["code_execution_output"]]
    file_id: Required[str]


@with_config(STRICT)
class CodeExecutionResultBlockParam(TypedDict, total=False):
    type: Required[Literal["code_execution_result"]]
    content: Required[list[CodeExecutionOutputBlockParam]]
    return_code: Required[int]
    stderr: Required[str]
    stdout: Required[str]


@with_config(STRICT)
class CodeExecutionToolResultErrorParam(TypedDict, total=False):
    type: Required[Literal["code_execution_tool_result_error"]]
    error_code: Required[
        Literal["invalid_tool_input", "unavailable", "too_many_requests", "execution_time_exceeded"]
    ]


@with_config(STRICT)
class EncryptedCodeExecutionResultBlockParam(TypedDict, total=False):
    type: Required[Literal["encrypted_code_execution_result"]]
    content: Required[list[CodeExecutionOutputBlockParam]]
    encrypted_stdout: Required[str]
    return_code: Required[int]
    stderr: Required[str]


@with_config(STRICT)
class CodeExecutionToolResultBlockParam(TypedDict, total=False):
    type: Required[Literal["code_execution_tool_result"]]
    content: Required[CodeExecutionToolResultBlockContent]
    tool_use_id: Required[str]
    cache_control: Annotated[CacheControlEphemeralParam, OneTag("ephemeral")] | None


@with_config(STRICT)
class ContainerUploadBlockParam(TypedDict, total=False):
    type: Required[Literal["container_upload"]]
    file_id: Required[str]
    cache_control: Annotated[CacheControlEphemeralParam, OneTag("ephemeral")] | None


@with_config(STRICT)
class Base64PDFSourceParam(TypedDict, total=False):
    type: Required[Literal["base64"]]
    data: Required[str]
    media_type: Required[Literal["application/pdf"]]


@with_config(STRICT)
class Base64ImageSourceParam(TypedDict, total=False):
    type: Required[Literal["base64"]]
    data: Required[str]
    media_type: Required[Literal["image/jpeg", "image/png", "image/gif", "image/webp"]]


@with_config(STRICT)
class FileImageSourceParam(TypedDict, total=False):
    type: Required[Literal["file"]]
    file_id: Required[str]


@with_config(STRICT)
class URLImageSourceParam(TypedDict, total=False):
    type: Required[Literal["url"]]
    url: Required[str]


@with_config(STRICT)
class ImageTransformationsParam(TypedDict, total=False):
    oversized_image: Literal["downsize", "error"]


@with_config(STRICT)
class ImageBlockParam(TypedDict, total=False):
    type: Required[Literal["image"]]
    source: Required[ImageBlockSource]
    cache_control: Annotated[CacheControlEphemeralParam, OneTag("ephemeral")] | None
    transformations: ImageTransformationsParam | None


@with_config(STRICT)
class CitationCharLocationParam(TypedDict, total=False):
    type: Required[Literal["char_location"]]
    cited_text: Required[str]
    document_index: Required[int]
    document_title: Required[str | None]
    end_char_index: Required[int]
    start_char_index: Required[int]


@with_config(STRICT)
class CitationContentBlockLocationParam(TypedDict, total=False):
    type: Required[Literal["content_block_location"]]
    cited_text: Required[str]
    document_index: Required[int]
    document_title: Required[str | None]
    end_block_index: Required[int]
    start_block_index: Required[int]


@with_config(STRICT)
class CitationPageLocationParam(TypedDict, total=False):
    type: Required[Literal["page_location"]]
    cited_text: Required[str]
    document_index: Required[int]
    document_title: Required[str | None]
    end_page_number: Required[int]
    start_page_number: Required[int]


@with_config(STRICT)
class CitationSearchResultLocationParam(TypedDict, total=False):
    type: Required[Literal["search_result_location"]]
    cited_text: Required[str]
    end_block_index: Required[int]
    search_result_index: Required[int]
    source: Required[str]
    start_block_index: Required[int]
    title: Required[str | None]


@with_config(STRICT)
class CitationWebSearchResultLocationParam(TypedDict, total=False):
    type: Required[Literal["web_search_result_location"]]
    cited_text: Required[str]
    encrypted_index: Required[str]
    title: Required[str | None]
    url: Required[str]


@with_config(STRICT)
class TextBlockParam(TypedDict, total=False):
    type: Required[Literal["text"]]
    text: Required[str]
    cache_control: Annotated[CacheControlEphemeralParam, OneTag("ephemeral")] | None
    citations: list[TextBlockCitations] | None


@with_config(STRICT)
class ContentBlockSourceParam(TypedDict, total=False):
    type: Required[Literal["content"]]
    content: Required[
        Annotated[
            Annotated[str, Tag("str")] | Annotated[list[ContentBlockSourceContent], Tag("list")],
            by_kind("str", "list"),
        ]
    ]


@with_config(STRICT)
class FileDocumentSourceParam(TypedDict, total=False):
    type: Required[Literal["file"]]
    file_id: Required[str]


@with_config(STRICT)
class PlainTextSourceParam(TypedDict, total=False):
    type: Required[Literal["text"]]
    data: Required[str]
    media_type: Required[Literal["text/plain"]]


@with_config(STRICT)
class URLPDFSourceParam(TypedDict, total=False):
    type: Required[Literal["url"]]
    url: Required[str]


@with_config(STRICT)
class CitationsConfigParam(TypedDict, total=False):
    enabled: bool


@with_config(STRICT)
class DocumentBlockParam(TypedDict, total=False):
    type: Required[Literal["document"]]
    source: Required[DocumentBlockSource]
    cache_control: Annotated[CacheControlEphemeralParam, OneTag("ephemeral")] | None
    citations: CitationsConfigParam | None
    context: str | None
    title: str | None


@with_config(STRICT)
class RedactedThinkingBlockParam(TypedDict, total=False):
    type: Required[Literal["redacted_thinking"]]
    data: Required[str]


@with_config(STRICT)
class SearchResultBlockParam(TypedDict, total=False):
    type: Required[Literal["search_result"]]
    content: Required[list[TextBlockParam]]
    source: Required[str]
    title: Required[str]
    cache_control: Annotated[CacheControlEphemeralParam, OneTag("ephemeral")] | None
    citations: CitationsConfigParam


@with_config(STRICT)
class ServerToolCallerParam(TypedDict, total=False):
    type: Required[Literal["code_execution_20250825"]]
    tool_id: Required[str]


@with_config(STRICT)
class ServerToolCaller20260120Param(TypedDict, total=False):
    type: Required[Literal["code_execution_20260120"]]
    tool_id: Required[str]


@with_config(STRICT)
class DirectCallerParam(TypedDict, total=False):
    type: Required[Literal["direct"]]


@with_config(STRICT)
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


@with_config(STRICT)
class TextEditorCodeExecutionCreateResultBlockParam(TypedDict, total=False):
    type: Required[Literal["text_editor_code_execution_create_result"]]
    is_file_update: Required[bool]


@with_config(STRICT)
class TextEditorCodeExecutionStrReplaceResultBlockParam(TypedDict, total=False):
    type: Required[Literal["text_editor_code_execution_str_replace_result"]]
    lines: list[str] | None
    new_lines: int | None
    new_start: int | None
    old_lines: int | None
    old_start: int | None


@with_config(STRICT)
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


@with_config(STRICT)
class TextEditorCodeExecutionViewResultBlockParam(TypedDict, total=False):
    type: Required[Literal["text_editor_code_execution_view_result"]]
    content: Required[str]
    file_type: Required[Literal["text", "image", "pdf"]]
    num_lines: int | None
    start_line: int | None
    total_lines: int | None


@with_config(STRICT)
class TextEditorCodeExecutionToolResultBlockParam(TypedDict, total=False):
    type: Required[Literal["text_editor_code_execution_tool_result"]]
    content: Required[TextEditorCodeExecutionToolResultBlockContent]
    tool_use_id: Required[str]
    cache_control: Annotated[CacheControlEphemeralParam, OneTag("ephemeral")] | None


@with_config(STRICT)
class ThinkingBlockParam(TypedDict, total=False):
    type: Required[Literal["thinking"]]
    signature: Required[str]
    thinking: Required[str]


@with_config(STRICT)
class BrowserStateTabEntryParam(TypedDict, total=False):
    tab_id: Required[str]
    title: Required[str]
    url: Required[str]
    active: bool


@with_config(STRICT)
class BrowserStateChangeDownloadCompletedParam(TypedDict, total=False):
    type: Required[Literal["download_completed"]]
    download_id: Required[str]
    url: Required[str]
    path: str | None
    size_bytes: int | None


@with_config(STRICT)
class BrowserStateChangeDownloadFailedParam(TypedDict, total=False):
    type: Required[Literal["download_failed"]]
    download_id: Required[str]
    url: Required[str]
    error: str | None


@with_config(STRICT)
class BrowserStateChangeDownloadStartedParam(TypedDict, total=False):
    type: Required[Literal["download_started"]]
    download_id: Required[str]
    url: Required[str]


@with_config(STRICT)
class BrowserStateChangeTabOpenedParam(TypedDict, total=False):
    type: Required[Literal["tab_opened"]]
    tab_id: Required[str]


@with_config(STRICT)
class BrowserStateBlockParam(TypedDict, total=False):
    type: Required[Literal["browser_state"]]
    tabs: Required[list[BrowserStateTabEntryParam]]
    cache_control: Annotated[CacheControlEphemeralParam, OneTag("ephemeral")] | None
    state_changes: list[BrowserStateBlockStateChanges] | None


@with_config(STRICT)
class ToolReferenceBlockParam(TypedDict, total=False):
    type: Required[Literal["tool_reference"]]
    tool_name: Required[str]
    cache_control: Annotated[CacheControlEphemeralParam, OneTag("ephemeral")] | None


@with_config(STRICT)
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


@with_config(STRICT)
class ToolSearchToolResultErrorParam(TypedDict, total=False):
    type: Required[Literal["tool_search_tool_result_error"]]
    error_code: Required[
        Literal["invalid_tool_input", "unavailable", "too_many_requests", "execution_time_exceeded"]
    ]
    error_message: str | None


@with_config(STRICT)
class ToolSearchToolSearchResultBlockParam(TypedDict, total=False):
    type: Required[Literal["tool_search_tool_search_result"]]
    tool_references: Required[list[ToolReferenceBlockParam]]


@with_config(STRICT)
class ToolSearchToolResultBlockParam(TypedDict, total=False):
    type: Required[Literal["tool_search_tool_result"]]
    content: Required[ToolSearchToolResultBlockContent]
    tool_use_id: Required[str]
    cache_control: Annotated[CacheControlEphemeralParam, OneTag("ephemeral")] | None


@with_config(STRICT)
class ToolUseBlockParam(TypedDict, total=False):
    type: Required[Literal["tool_use"]]
    id: Required[str]
    input: Required[dict[str, Any]]
    name: Required[str]
    cache_control: Annotated[CacheControlEphemeralParam, OneTag("ephemeral")] | None
    caller: ServerToolUseBlockCaller
    toolset_name: str | None


@with_config(STRICT)
class WebFetchBlockParam(TypedDict, total=False):
    type: Required[Literal["web_fetch_result"]]
    content: Required[DocumentBlockParam]
    url: Required[str]
    retrieved_at: str | None


@with_config(STRICT)
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


@with_config(STRICT)
class WebFetchToolResultBlockParam(TypedDict, total=False):
    type: Required[Literal["web_fetch_tool_result"]]
    content: Required[WebFetchToolResultBlockContent]
    tool_use_id: Required[str]
    cache_control: Annotated[CacheControlEphemeralParam, OneTag("ephemeral")] | None
    caller: ServerToolUseBlockCaller


@with_config(STRICT)
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


@with_config(STRICT)
class WebSearchResultBlockParam(TypedDict, total=False):
    type: Required[Literal["web_search_result"]]
    encrypted_content: Required[str]
    title: Required[str]
    url: Required[str]
    page_age: str | None


@with_config(STRICT)
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


@with_config(STRICT)
class Message(TypedDict):
    role: Literal["user", "assistant", "system"]
    content: Annotated[
        Annotated[str, Tag("str")] | Annotated[list[MessageContent], Tag("list")], by_kind("str", "list")
    ]


@with_config(STRICT)
class SkillParams(TypedDict, total=False):
    type: Required[Literal["anthropic", "custom"]]
    skill_id: Required[str]
    version: str


@with_config(STRICT)
class ContainerParams(TypedDict, total=False):
    id: str | None
    skills: list[SkillParams] | None


@with_config(STRICT)
class DiagnosticsParam(TypedDict, total=False):
    previous_message_id: str | None


@with_config(STRICT)
class MetadataParam(TypedDict, total=False):
    user_id: str | None


@with_config(STRICT)
class JSONOutputFormatParam(TypedDict, total=False):
    type: Required[Literal["json_schema"]]
    schema: Required[dict[str, Any]]


@with_config(STRICT)
class OutputConfigParam(TypedDict, total=False):
    effort: Literal["low", "medium", "high", "xhigh", "max"] | None
    format: JSONOutputFormatParam | None


@with_config(STRICT)
class ThinkingConfigAdaptiveParam(TypedDict, total=False):
    type: Required[Literal["adaptive"]]
    display: Literal["summarized", "omitted"] | None


@with_config(STRICT)
class ThinkingConfigBetweenToolsParam(TypedDict, total=False):
    type: Required[Literal["between_tools"]]


@with_config(STRICT)
class ThinkingConfigDisabledParam(TypedDict, total=False):
    type: Required[Literal["disabled"]]


@with_config(STRICT)
class ThinkingConfigEnabledParam(TypedDict, total=False):
    type: Required[Literal["enabled"]]
    budget_tokens: Required[Annotated[int, Field(ge=1024)]]
    display: Literal["summarized", "omitted"] | None


@with_config(STRICT)
class ToolChoiceAnyParam(TypedDict, total=False):
    type: Required[Literal["any"]]
    disable_parallel_tool_use: bool


@with_config(STRICT)
class ToolChoiceAutoParam(TypedDict, total=False):
    type: Required[Literal["auto"]]
    disable_parallel_tool_use: bool


@with_config(STRICT)
class ToolChoiceNoneParam(TypedDict, total=False):
    type: Required[Literal["none"]]


@with_config(STRICT)
class ToolChoiceToolParam(TypedDict, total=False):
    type: Required[Literal["tool"]]
    name: Required[str]
    disable_parallel_tool_use: bool


@with_config(STRICT)
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


@with_config(STRICT)
class BrowserTypeConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BrowserCloseTabConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BrowserDoubleClickConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BrowserFileUploadConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BrowserFindConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BrowserFormInputConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BrowserGetPageTextConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BrowserHoldKeyConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BrowserHoverConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BrowserJavascriptExecConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BrowserKeyConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BrowserLeftClickConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BrowserLeftClickDragConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BrowserLeftMouseDownConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BrowserLeftMouseUpConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BrowserListTabsConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BrowserMiddleClickConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BrowserMouseMoveConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BrowserNavigateConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BrowserNewTabConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BrowserReadConsoleConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BrowserReadNetworkConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BrowserReadPageConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BrowserRightClickConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BrowserScreenshotConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BrowserScrollConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BrowserScrollToConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BrowserSwitchTabConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BrowserTripleClickConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BrowserWaitConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class BrowserZoomConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
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


@with_config(STRICT)
class BrowserToolset20260801Param(TypedDict, total=False):
    type: Required[Literal["browser_toolset_20260801"]]
    cache_control: Annotated[CacheControlEphemeralParam, OneTag("ephemeral")] | None
    configs: BrowserToolsetConfigsParam | None


@with_config(STRICT)
class CodeExecutionTool20250522Param(TypedDict, total=False):
    type: Required[Literal["code_execution_20250522"]]
    name: Required[Literal["code_execution"]]
    allowed_callers: list[
        Literal["direct", "code_execution_20250825", "code_execution_20260120", "code_execution_20260521"]
    ]
    cache_control: Annotated[CacheControlEphemeralParam, OneTag("ephemeral")] | None
    defer_loading: bool
    strict: bool


@with_config(STRICT)
class CodeExecutionTool20250825Param(TypedDict, total=False):
    type: Required[Literal["code_execution_20250825"]]
    name: Required[Literal["code_execution"]]
    allowed_callers: list[
        Literal["direct", "code_execution_20250825", "code_execution_20260120", "code_execution_20260521"]
    ]
    cache_control: Annotated[CacheControlEphemeralParam, OneTag("ephemeral")] | None
    defer_loading: bool
    strict: bool


@with_config(STRICT)
class CodeExecutionTool20260120Param(TypedDict, total=False):
    type: Required[Literal["code_execution_20260120"]]
    name: Required[Literal["code_execution"]]
    allowed_callers: list[
        Literal["direct", "code_execution_20250825", "code_execution_20260120", "code_execution_20260521"]
    ]
    cache_control: Annotated[CacheControlEphemeralParam, OneTag("ephemeral")] | None
    defer_loading: bool
    strict: bool


@with_config(STRICT)
class CodeExecutionTool20260521Param(TypedDict, total=False):
    type: Required[Literal["code_execution_20260521"]]
    name: Required[Literal["code_execution"]]
    allowed_callers: list[
        Literal["direct", "code_execution_20250825", "code_execution_20260120", "code_execution_20260521"]
    ]
    cache_control: Annotated[CacheControlEphemeralParam, OneTag("ephemeral")] | None
    defer_loading: bool
    strict: bool


@with_config(STRICT)
class ComputerTypeConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class ComputerCursorPositionConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class ComputerDoubleClickConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class ComputerHoldKeyConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class ComputerKeyConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class ComputerLeftClickConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class ComputerLeftClickDragConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class ComputerLeftMouseDownConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class ComputerLeftMouseUpConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class ComputerMiddleClickConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class ComputerMouseMoveConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class ComputerRightClickConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class ComputerScreenshotConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class ComputerScrollConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class ComputerTripleClickConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class ComputerWaitConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
class ComputerZoomConfigParam(TypedDict, total=False):
    defer_loading: bool | None
    enabled: bool | None


@with_config(STRICT)
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


@with_config(STRICT)
class ComputerToolset20260801Param(TypedDict, total=False):
    type: Required[Literal["computer_toolset_20260801"]]
    cache_control: Annotated[CacheControlEphemeralParam, OneTag("ephemeral")] | None
    configs: ComputerToolsetConfigsParam | None


@with_config(STRICT)
class InputSchemaTyped(TypedDict, total=False):
    type: Required[Literal["object"]]
    properties: dict[str, Any] | None
    required: list[str] | None


@with_config(STRICT)
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


@with_config(STRICT)
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


@with_config(STRICT)
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


@with_config(STRICT)
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


@with_config(STRICT)
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


@with_config(STRICT)
class ToolSearchToolBm25_20251119Param(TypedDict, total=False):
    type: Required[Literal["tool_search_tool_bm25_20251119", "tool_search_tool_bm25"]]
    name: Required[Literal["tool_search_tool_bm25"]]
    allowed_callers: list[
        Literal["direct", "code_execution_20250825", "code_execution_20260120", "code_execution_20260521"]
    ]
    cache_control: Annotated[CacheControlEphemeralParam, OneTag("ephemeral")] | None
    defer_loading: bool
    strict: bool


@with_config(STRICT)
class ToolSearchToolRegex20251119Param(TypedDict, total=False):
    type: Required[Literal["tool_search_tool_regex_20251119", "tool_search_tool_regex"]]
    name: Required[Literal["tool_search_tool_regex"]]
    allowed_callers: list[
        Literal["direct", "code_execution_20250825", "code_execution_20260120", "code_execution_20260521"]
    ]
    cache_control: Annotated[CacheControlEphemeralParam, OneTag("ephemeral")] | None
    defer_loading: bool
    strict: bool


@with_config(STRICT)
class WebFetchURLSourceAllParam(TypedDict, total=False):
    type: Required[Literal["all"]]


@with_config(STRICT)
class WebFetchURLSourceToolReferenceParam(TypedDict, total=False):
    type: Required[Literal["tool_reference"]]
    name: Required[str]


@with_config(STRICT)
class WebFetchURLSourceExceptParam(TypedDict, total=False):
    type: Required[Literal["except"]]
    tools: Required[list[WebFetchURLSourceToolReferenceParam]]


@with_config(STRICT)
class WebFetchURLSourceNoneParam(TypedDict, total=False):
    type: Required[Literal["none"]]


@with_config(STRICT)
class WebFetchURLSourceOnlyParam(TypedDict, total=False):
    type: Required[Literal["only"]]
    tools: Required[list[WebFetchURLSourceToolReferenceParam]]


@with_config(STRICT)
class WebFetchURLSourcesParam(TypedDict, total=False):
    client_tool_results: WebFetchURLSourcesClientToolResults
    server_tool_results: WebFetchURLSourcesClientToolResults
    user_input: WebFetchURLSourcesUserInput


@with_config(STRICT)
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


@with_config(STRICT)
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


@with_config(STRICT)
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


@with_config(STRICT)
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


@with_config(STRICT)
class UserLocationParam(TypedDict, total=False):
    type: Required[Literal["approximate"]]
    city: str | None
    country: str | None
    region: str | None
    timezone: str | None


@with_config(STRICT)
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


@with_config(STRICT)
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


@with_config(STRICT)
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


@with_config(STRICT)
class MessageCreateParams(TypedDict, total=False):
    max_tokens: Annotated[int, Field(ge=0)]
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


@with_config(STRICT)
class MessageCountTokensParams(TypedDict, total=False):
    messages: Required[Annotated[list[Message], Field(max_length=100000)]]
    model: Required[str]
    cache_control: Annotated[CacheControlEphemeralParam, OneTag("ephemeral")] | None
    output_config: OutputConfigParam
    speed: Literal["standard", "fast"] | None
    system: Annotated[
        Annotated[str, Tag("str")] | Annotated[list[TextBlockParam], Tag("list")], by_kind("str", "list")
    ]
    thinking: MessageCreateParamsThinking
    tool_choice: MessageCreateParamsToolChoice
    tools: list[MessageCreateParamsTools]


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


REQUEST = TypeAdapter(MessageCreateParams)
