/// Reads an owner registry from CSV text: a header naming the columns `room`, `name` and `phone` (any order,
/// other columns ignored), then one owner a line. Either every line is good and all owners are returned,
/// or every bad line is named and nothing is imported.
public enum OwnerCSV {
    public static func parse(_ text: String, site: String, path: String) throws -> [Owner] {
        var problems: [String] = []
        let records = records(of: text)
        guard let header = records.first(where: { !$0.fields.allSatisfy(\.isEmpty) }) else {
            throw WuyeError.badData(
                "\(path): error: the file is empty; expected a header line room,name,phone; nothing was imported")
        }
        let names = header.fields.map { $0.trimmingWhitespace().lowercased() }
        guard let roomColumn = names.firstIndex(of: "room"), let nameColumn = names.firstIndex(of: "name"),
            let phoneColumn = names.firstIndex(of: "phone")
        else {
            throw WuyeError.badData(
                "\(path):\(header.line): error: the header must name the columns room, name and phone (found: \(names.joined(separator: ",")))"
            )
        }
        var owners: [Owner] = []
        var seen = Set<String>()
        for record in records where record.line > header.line {
            if record.fields.allSatisfy({ $0.trimmingWhitespace().isEmpty }) { continue }
            if let problem = record.problem {
                problems.append("\(path):\(record.line): error: \(problem)")
                continue
            }
            let field = { (i: Int) in i < record.fields.count ? record.fields[i].trimmingWhitespace() : "" }
            let roomText = field(roomColumn)
            let name = field(nameColumn)
            let phoneText = field(phoneColumn)
            guard let room = Room(roomText) else {
                problems.append(
                    "\(path):\(record.line): error: \"\(roomText)\" is not a room like 3-2-501 (or 5--1803 without a unit)"
                )
                continue
            }
            guard !name.isEmpty else {
                problems.append("\(path):\(record.line): error: the name is empty")
                continue
            }
            guard let phone = Phone(phoneText) else {
                problems.append("\(path):\(record.line): error: \"\(phoneText)\" is not a mainland mobile number")
                continue
            }
            if !seen.insert("\(room) \(phone)").inserted {
                problems.append("\(path):\(record.line): error: \(room) with phone \(phone.masked) is listed twice")
                continue
            }
            owners.append(Owner(site: site, room: room, name: name, phone: phone))
        }
        guard problems.isEmpty else {
            throw WuyeError.badData(problems.joined(separator: "\n") + "\nnothing was imported")
        }
        return owners
    }

    struct Record {
        var line: Int
        var fields: [String]
        var problem: String?
    }

    /// RFC 4180 records with the line each starts on: quoted fields may hold commas, quotes ("") and line breaks.
    static func records(of text: String) -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field = ""
        var line = 1
        var start = 1
        var quoted = false
        var problem: String?
        var chars = Array(text.replacingOccurrences(of: "\r\n", with: "\n"))
        if chars.first == "\u{FEFF}" { chars.removeFirst() }
        var i = 0
        func endRecord() {
            fields.append(field)
            records.append(Record(line: start, fields: fields, problem: problem))
            fields = []
            field = ""
            problem = nil
        }
        while i < chars.count {
            let c = chars[i]
            if quoted {
                if c == "\"" {
                    if i + 1 < chars.count && chars[i + 1] == "\"" {
                        field.append("\"")
                        i += 1
                    } else {
                        quoted = false
                    }
                } else {
                    if c == "\n" { line += 1 }
                    field.append(c)
                }
            } else if c == "\"" {
                if field.trimmingWhitespace().isEmpty {
                    quoted = true; field = ""
                } else {
                    problem = "a quote inside an unquoted field"
                }
            } else if c == "," {
                fields.append(field)
                field = ""
            } else if c == "\n" {
                endRecord()
                line += 1
                start = line
            } else {
                field.append(c)
            }
            i += 1
        }
        if quoted { problem = "a quoted field is never closed" }
        if !field.isEmpty || !fields.isEmpty || quoted { endRecord() }
        return records
    }
}
