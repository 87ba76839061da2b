import Foundation

extension MemoryTicketStore: NoticeStore {
    public func addNotice(_ notice: Notice, at now: Date) throws -> Notice {
        try notice.validate()
        state.lastNoticeID += 1
        var stored = notice
        stored.id = state.lastNoticeID
        stored.createdAt = now
        state.noticesByID[stored.id] = stored
        return stored
    }

    public func notices(site: String?, endingAfter: Date?) -> [Notice] {
        state.notices(site: site, endingAfter: endingAfter)
    }

    public func removeNotice(_ id: Int) throws -> Notice {
        guard let notice = state.noticesByID[id] else { throw WuyeError.notFound(notice: id) }
        guard !state.removedNotices.contains(id) else { throw WuyeError.noticeRemoved(id) }
        state.removedNotices.insert(id)
        return notice
    }
}
