import Foundation

extension MemoryTicketStore: NoticeStore {
    public func addNotice(_ notice: Notice, at now: Date) throws -> Notice {
        try notice.validate()
        lastNoticeID += 1
        var stored = notice
        stored.id = lastNoticeID
        stored.createdAt = now
        noticesByID[stored.id] = stored
        return stored
    }

    public func notices(site: String?, endingAfter: Date?) -> [Notice] {
        noticesByID.values.filter { notice in
            !removedNotices.contains(notice.id) && (site == nil || notice.site == site)
                && (endingAfter.map { notice.endsAt > $0 } ?? true)
        }
        .sorted(by: Notice.soonestFirst)
    }

    public func removeNotice(_ id: Int) throws -> Notice {
        guard let notice = noticesByID[id] else { throw WuyeError.notFound(notice: id) }
        guard !removedNotices.contains(id) else { throw WuyeError.noticeRemoved(id) }
        removedNotices.insert(id)
        return notice
    }
}
