import Testing
import WuyeCore

@Suite("Owner registry CSV")
struct OwnerCSVTests {
    @Test("a good file gives every owner, columns in any order, quotes and a BOM allowed")
    func good() throws {
        let text =
            "\u{FEFF}phone,room,name,note\r\n13812345678,3-2-501,王芳,\n\"139 0000 1111\",5--1803,\"Li, Wei\",\"a \"\"quoted\"\" note\"\n\n"
        let owners = try OwnerCSV.parse(text, site: "meijia-1", path: "owners.csv")
        #expect(owners.count == 2)
        #expect(owners[0] == Owner(site: "meijia-1", room: Room("3-2-501")!, name: "王芳", phone: Phone("13812345678")!))
        #expect(owners[1].name == "Li, Wei")
        #expect(owners[1].phone.digits == "13900001111")
    }

    @Test("every bad line is named and nothing is returned")
    func bad() {
        let text =
            "room,name,phone\n3-2-501,王芳,13812345678\n3栋501,李四,13900001111\n5--1803,,13900001111\n6-1-101,赵六,12345\n"
        let error = #expect(throws: WuyeError.self) { try OwnerCSV.parse(text, site: "s", path: "owners.csv") }
        let message = error?.message ?? ""
        #expect(message.contains("owners.csv:3: error: \"3栋501\" is not a room"))
        #expect(message.contains("owners.csv:4: error: the name is empty"))
        #expect(message.contains("owners.csv:5: error: \"12345\" is not a mainland mobile number"))
        #expect(message.hasSuffix("nothing was imported"))
        #expect(!message.contains("owners.csv:2"))
    }

    @Test("a missing header or an unclosed quote is refused with its line")
    func structure() {
        #expect(throws: WuyeError.self) { try OwnerCSV.parse("", site: "s", path: "f.csv") }
        let header = #expect(throws: WuyeError.self) {
            try OwnerCSV.parse("room,phone\n3-2-501,13812345678\n", site: "s", path: "f.csv")
        }
        #expect(header?.message.hasPrefix("f.csv:1: error: the header must name") == true)
        let quote = #expect(throws: WuyeError.self) {
            try OwnerCSV.parse("room,name,phone\n3-2-501,\"王芳,13812345678\n", site: "s", path: "f.csv")
        }
        #expect(quote?.message.contains("f.csv:2: error: a quoted field is never closed") == true)
    }
}
