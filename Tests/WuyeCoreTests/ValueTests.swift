import Foundation
import Testing
import WuyeCore

@Suite("Rooms, phones, months and days")
struct ValueTests {
    @Test(
        "normalised rooms are read and written back",
        arguments: [
            ("3-2-501", "3-2-501"), ("5--1803", "5--1803"), ("03-02-0501", "3-2-501"), ("b3-1-1204", "B3-1-1204"),
            (" 11-4-703 ", "11-4-703"),
        ])
    func rooms(text: String, normalised: String) {
        #expect(Room(text)?.description == normalised)
    }

    @Test(
        "things that are not normalised rooms",
        arguments: ["", "3-501", "3-2-501-1", "三-2-501", "3--", "--501", "3 2 501", "3-2-5 01"])
    func notRooms(text: String) {
        #expect(Room(text) == nil)
    }

    @Test(
        "mainland mobile numbers with spaces, dashes or +86",
        arguments: [
            "13812345678", "138 1234 5678", "138-1234-5678", "+86 138 1234 5678", "8613812345678",
        ])
    func phones(text: String) {
        #expect(Phone(text)?.digits == "13812345678")
        #expect(Phone(text)?.masked == "138****5678")
    }

    @Test(
        "numbers that are not mainland mobiles",
        arguments: ["", "1381234567", "138123456789", "23812345678", "12812345678", "0571-86500110", "1381234567x"])
    func notPhones(text: String) {
        #expect(Phone(text) == nil)
    }

    @Test(
        "months are YYYY-MM with a month 01 to 12",
        arguments: ["2026-13", "2026-00", "2026-1", "26-11", "2026/11", "2026-11-01", "Nov", "", "２０２６-11"])
    func badMonths(text: String) {
        #expect(Month(text) == nil)
    }

    @Test("a month knows its neighbours and its first instant in a time zone")
    func month() {
        let november = Month("2026-11")!
        #expect(november.previous.description == "2026-10")
        #expect(Month("2026-01")!.previous.description == "2025-12")
        #expect(Month("2026-12")!.next.description == "2027-01")
        #expect(Fixtures.shanghai.iso8601(november.start(in: Fixtures.shanghai)) == "2026-11-01T00:00:00+08:00")
        #expect(november.contains(Fixtures.at("2026-11-30 23:59"), in: Fixtures.shanghai))
        #expect(!november.contains(Fixtures.at("2026-12-01 00:00"), in: Fixtures.shanghai))
    }

    @Test("days count from the epoch both ways and know their weekday")
    func days() {
        let day = LocalDate("2026-11-29")!
        #expect(day.weekday == 7)
        #expect(LocalDate(daysSinceEpoch: day.daysSinceEpoch) == day)
        #expect(LocalDate("1969-12-31")!.daysSinceEpoch == -1)
        #expect(LocalDate("2028-02-29")!.adding(days: 1).description == "2028-03-01")
        #expect(LocalDate("2026-02-29") == nil)
        for offset in stride(from: -800_000, through: 800_000, by: 997) {
            #expect(LocalDate(daysSinceEpoch: offset).daysSinceEpoch == offset)
        }
    }

    @Test("timestamps carry the site's offset and read back")
    func timestamps() {
        let date = Fixtures.at("2026-11-29 10:31")
        #expect(Fixtures.shanghai.iso8601(date) == "2026-11-29T10:31:00+08:00")
        #expect(parseTimestamp("2026-11-29T10:31:00+08:00") == date)
        #expect(parseTimestamp("2026-11-29T02:31:00Z") == date)
        #expect(parseTimestamp("yesterday") == nil)
    }

    @Test(
        "a time typed without an offset is wall-clock time in the site's zone; one with an offset is that instant",
        arguments: [
            ("2026-11-30T09:00", "2026-11-30 09:00"), ("2026-11-30 09:00", "2026-11-30 09:00"),
            ("2026-11-30T09:00:00", "2026-11-30 09:00"), ("2026-11-30T01:00:00Z", "2026-11-30 09:00"),
            ("2026-11-30T09:00:00+08:00", "2026-11-30 09:00"), ("2026-11-30T02:00:00+01:00", "2026-11-30 09:00"),
            ("2026-12-01T00:00", "2026-12-01 00:00"),
        ])
    func localTimestamps(text: String, shanghai: String) {
        #expect(Fixtures.shanghai.parseTimestamp(text) == Fixtures.at(shanghai))
    }

    @Test(
        "things that are not times",
        arguments: [
            "", "2026-11-30", "09:00", "2026-11-30T9:00", "2026-11-30T24:00", "2026-11-30T09:60", "2026-02-30T09:00",
            "2026-11-30T09:00:61", "2026-11-30T+9:00", "2026-11-30  09:00", "tomorrow 9am", "2026-11-30T09:00:00.5",
        ])
    func notTimestamps(text: String) {
        #expect(Fixtures.shanghai.parseTimestamp(text) == nil)
    }

    @Test("notices are named N-12 and read back as staff write them")
    func noticeReferences() {
        #expect(Notice.reference(12) == "N-12")
        for text in ["N-12", "n-12", "N12", "12", " N-12 "] { #expect(Notice.parseID(text) == 12, "\(text)") }
        for text in ["", "N-", "N-0", "-3", "R-12", "N-1x", "N--3", "N-１２", "12345678901234"] {
            #expect(Notice.parseID(text) == nil, "\(text)")
        }
    }

    @Test("owner text is escaped before it reaches a staff terminal")
    func escaping() {
        #expect("漏水\u{1B}[2J了\n".escapedForTerminal == "漏水\\u{1B}[2J了\\n")
        #expect("a\tb\\c\u{7}".escapedForTerminal == "a\\tb\\\\c\\u{7}")
        #expect("厨房漏水 ok".escapedForTerminal == "厨房漏水 ok")
        #expect("\u{202E}evil".escapedForTerminal == "\\u{202E}evil")
    }
}
