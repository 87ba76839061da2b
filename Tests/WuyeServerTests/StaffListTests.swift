import Testing

@testable import WuyeServer

@Suite("The staff list")
struct StaffListTests {
    let staff = StaffList(
        uids: [1000: .init(name: "李客服", role: "agent")],
        tokens: [
            "token-for-tests-0123456789": .init(name: "王主管", role: "supervisor"),
            "another-token-abcdefghijkl": .init(name: "张客服"),
        ])

    @Test("a token names its person whatever the uid; a wrong or partial token names no one")
    func tokens() {
        #expect(staff.member(uid: nil, token: "token-for-tests-0123456789")?.name == "王主管")
        #expect(staff.member(uid: 1000, token: "another-token-abcdefghijkl")?.name == "张客服")
        #expect(staff.member(uid: nil, token: "token-for-tests-012345678") == nil, "a prefix is not the token")
        #expect(staff.member(uid: nil, token: "token-for-tests-01234567890") == nil, "nor a longer string")
        #expect(staff.member(uid: nil, token: "") == nil)
        #expect(staff.member(uid: 1000, token: "wrong-token-0000000000000")?.name == "李客服", "the uid still counts")
        #expect(staff.member(uid: 1001, token: nil) == nil)
    }

    @Test(
        "the comparison sees every byte and the length",
        arguments: [
            ("abc", "abc", true), ("abc", "abd", false), ("abc", "ab", false), ("", "", true), ("令牌", "令牌", true),
            ("a\u{0}", "a", false),
        ])
    func constantTime(_ a: String, _ b: String, _ equal: Bool) {
        #expect(StaffList.constantTimeEqual(a, b) == equal)
    }

    @Test("a token file names each token's person and role, and refuses short tokens and unknown roles")
    func file() throws {
        let tokens = try StaffList.tokens(
            fromFile: "# staff\ntoken-for-tests-0123456789 王主管 supervisor\nanother-token-abcdefghijkl 张客服\n")
        #expect(tokens["token-for-tests-0123456789"] == .init(name: "王主管", role: "supervisor"))
        #expect(tokens["another-token-abcdefghijkl"] == .init(name: "张客服", role: "agent"))
        #expect(throws: StaffListError.self) { try StaffList.tokens(fromFile: "short 王 agent\n") }
        #expect(throws: StaffListError.self) { try StaffList.tokens(fromFile: "token-for-tests-0123456789 王 boss\n") }
    }
}
