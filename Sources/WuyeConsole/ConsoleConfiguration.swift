import Foundation
import WuyeCore

/// How a console runs: its mode, the site it serves and what it says to owners.
public struct ConsoleConfiguration: Sendable {
    public var mode: ConsoleMode
    /// What the kiosk says to owners (and the goodbye of both modes).
    public var texts: ConsoleTexts
    /// The id of the site the console stands at: its notices are shown under the kiosk's welcome.
    public var site: String
    /// The only site `/tickets` and `/report` cover (`--site`); nil: every site.
    public var scope: String?
    /// The site's name and duty phone, for the texts' `{site}` and `{phone}`.
    public var siteName: String
    public var dutyPhone: String
    /// The site's time zone: the current month of `/report`, the times of notices.
    public var timeZone: TimeZone
    /// Departments' names for `/show`, when the console knows them.
    public var routing: Routing?
    /// Who staff steps are recorded as (the login name).
    public var actor: String
    /// How long the kiosk waits without a keystroke before it forgets the conversation.
    public var idleTimeout: Duration
    /// The time the console acts at.
    public var now: @Sendable () -> Date

    public init(
        mode: ConsoleMode, texts: ConsoleTexts, site: String, scope: String? = nil, siteName: String, dutyPhone: String,
        timeZone: TimeZone, routing: Routing? = nil, actor: String, idleTimeout: Duration = .seconds(180),
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.mode = mode
        self.texts = texts
        self.site = site
        self.scope = scope
        self.siteName = siteName
        self.dutyPhone = dutyPhone
        self.timeZone = timeZone
        self.routing = routing
        self.actor = actor
        self.idleTimeout = idleTimeout
        self.now = now
    }
}
