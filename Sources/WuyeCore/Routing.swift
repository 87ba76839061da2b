/// Which department handles which kind and category of ticket, and which categories exist (INTENTS.md).
public struct Routing: Sendable, Hashable {
    /// A department's id (`engineering`) and its names for owners.
    public struct Department: Sendable, Hashable {
        public var id: String
        public var nameZH: String
        public var nameEN: String

        public init(id: String, nameZH: String, nameEN: String) {
            self.id = id
            self.nameZH = nameZH
            self.nameEN = nameEN
        }
    }

    public var departments: [Department]
    /// The categories each kind knows, in the data's order.
    public var categories: [TicketKind: [String]]
    /// Per kind: category → department id; the key `default` covers every category not named.
    public var routes: [TicketKind: [String: String]]

    public init(departments: [Department], categories: [TicketKind: [String]], routes: [TicketKind: [String: String]]) {
        self.departments = departments
        self.categories = categories
        self.routes = routes
    }

    /// The department for a ticket of `kind` and `category`.
    public func department(for kind: TicketKind, category: String?) -> String {
        let table = routes[kind] ?? [:]
        if let category, let department = table[category] { return department }
        return table["default"] ?? "customer_service"
    }

    public func department(id: String) -> Department? { departments.first { $0.id == id } }

    public func knows(category: String, of kind: TicketKind) -> Bool {
        categories[kind]?.contains(category) ?? false
    }

    /// Problems with the table itself: routes to unknown departments, categories routed but not listed.
    public func problems() -> [String] {
        var found: [String] = []
        let ids = Set(departments.map(\.id))
        for kind in TicketKind.allCases {
            guard let table = routes[kind] else {
                found.append("no route for kind \(kind.rawValue)")
                continue
            }
            if table["default"] == nil { found.append("routes for \(kind.rawValue) have no default") }
            for (category, department) in table.sorted(by: { $0.key < $1.key }) {
                if !ids.contains(department) {
                    found.append("\(kind.rawValue)/\(category) routes to unknown department \(department)")
                }
                if category != "default" && !knows(category: category, of: kind) {
                    found.append("\(kind.rawValue)/\(category) is routed but not listed under categories")
                }
            }
        }
        return found
    }
}
