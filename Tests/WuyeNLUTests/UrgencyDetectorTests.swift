import Foundation
import Testing

@testable import WuyeNLU

@Suite("Urgency detector")
struct UrgencyDetectorTests {
    /// The folder of the project's NLU data.
    static let nluDirectory = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("intents/nlu")

    /// Reads the `- name` lists of a Rasa NLU file: `- lookup: x` or `- synonym: x` followed by `    - word` lines.
    static func lists(_ file: String, kind: String) -> [String: [String]] {
        let url = nluDirectory.appendingPathComponent(file)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [:] }
        var lists: [String: [String]] = [:]
        var current: String?
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("- \(kind):") {
                current = trimmed.dropFirst("- \(kind):".count).trimmingCharacters(in: .whitespaces)
            } else if let name = current, line.hasPrefix("    - ") {
                lists[name, default: []].append(trimmed.dropFirst(2).trimmingCharacters(in: .whitespaces))
            } else if !line.hasPrefix(" ") {
                current = nil
            }
        }
        return lists
    }

    /// The project's own vocabulary, read from `intents/nlu/urgent.yml`.
    static let vocabulary = lists("urgent.yml", kind: "lookup")

    static let detector = UrgencyDetector(
        terms: vocabulary["urgent"] ?? [], negations: vocabulary["negation"] ?? [],
        exceptions: (vocabulary["urgent_exception"] ?? []) + UrgencyDetector.defaultExceptions)

    /// The synonyms of `intents/nlu/synonyms.yml`: their matcher, and each term's canonical word.
    static let synonyms: (matcher: TermMatcher, targets: [[Unicode.Scalar]]) = {
        let matcher = TermMatcher(lists: lists("synonyms.yml", kind: "synonym"), normalizer: normalizer)
        return (matcher, matcher.terms.map { normalizer.scalars($0.names.first ?? $0.text) })
    }()
    static let normalizer = TextNormalizer()

    /// What the detector sees of a message in the app: folded, with the synonyms replaced as `Understander`
    /// replaces them (leftmost, longest first).
    static func prepared(_ text: String) -> String {
        let scalars = normalizer.scalars(text)
        var out = String.UnicodeScalarView()
        var i = 0
        for match in synonyms.matcher.matches(in: scalars) {
            out.append(contentsOf: scalars[i..<match.start])
            out.append(contentsOf: synonyms.targets[match.term])
            i = match.end
        }
        out.append(contentsOf: scalars[i...])
        return String(out)
    }

    /// Whether the app would find `text` urgent.
    static func isUrgent(_ text: String) -> Bool {
        detector.isUrgent(prepared(text))
    }

    @Test("the project's urgent.yml has its lists")
    func vocabularyLoads() {
        #expect((Self.vocabulary["urgent"]?.count ?? 0) > 300)
        #expect((Self.vocabulary["negation"]?.count ?? 0) > 10)
        #expect((Self.vocabulary["urgent_exception"]?.count ?? 0) > 50)
        #expect(Self.synonyms.matcher.terms.count > 100)
    }

    @Test("urgent.yml is written in canonical words, which synonyms leave alone")
    func canonicalWords() {
        // A word a synonym rewrites could never be found in the app (电体困人 arrives as 电梯困人). English
        // alternatives are exempt: "lift" still finds the plural "lifts", which synonyms leave alone.
        for entry in (Self.vocabulary["urgent_exception"] ?? []) + (Self.vocabulary["negation"] ?? []) {
            #expect(Self.prepared(entry) == Self.normalizer.normalize(entry), "\(entry)")
        }
        for entry in Self.vocabulary["urgent"] ?? [] {
            let words = entry.replacingOccurrences(of: "~", with: "").replacingOccurrences(of: "...", with: "|")
                .split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            for word in words where word.unicodeScalars.contains(where: { $0.value > 0x7F }) || !entry.contains("|") {
                #expect(Self.prepared(word) == Self.normalizer.normalize(word), "\(word) in \(entry)")
            }
        }
    }

    @Test(
        "someone trapped in an elevator is urgent",
        arguments: [
            "电梯困人了 快来",
            "有人被困在电梯里了!!",
            "电梯里困了人",
            "没有燃气味了但是电梯里困了人",
            "5号楼电梯卡在两层中间了 我和孩子在里面 按了警铃没人应",
            "电梯突然停了 我妈还在里面出不来 你们快派人",
            "我被关在3栋的电梯里二十分钟了",
            "电体坏了 里面有人 快来人",
            "轿厢里困着两个人 门打不开",
            "困在电梯里半小时了还没人来救",
            "电梯停在18楼和19楼之间 人还在里面",
            "快递小哥被困在1单元电梯里了",
            "我儿子一个人在电梯里 电梯不动了 他出不来",
            "你好 我是7栋的 我们这边电梯从早上开始就时好时坏 刚才我邻居家老太太下楼买菜 结果卡在电梯里出不来了 按紧急按钮也没人应答 能不能赶紧派人过来",
            "电梯捆人了",
            "9号楼2单元的电梯关着人",
            "还困着呢 二十分钟了 到底有没有人来",
            "电梯门打不开 里面有人 孩子一直在哭",
            "电梯又坏了。这次里面关了人",
            "救命 电梯掉下去了 我们困在里面",
            "有个外卖员在电梯里出不来了",
            "有人被困在地下车库的电梯里",
            "电梯停了里面有人快点来",
            "电梯又not working了 里面还有人!!",
            "电梯没反应 里面有人被困",
            "nobody came, we're stuck in the lift",
            "nobody came we're stuck in the lift",
            "the lift is not moving and my kid is stuck in the lift",
            "kid stuck in the elevator",
            "someone is trapped in the lift",
            "we have been trapped in the elevator of building 5 for half an hour",
            "the lift stopped between floors and my son is still inside",
            "Hi, I'm in building 3 and the elevater is stuck with my mother inside, she is 80",
            "stuk in elevator 2 please help",
            "we are still stuck, it has been 40 minutes",
            "can't get out of the lift, the doors won't open",
            "the elevater is stuck and my kids are trapped inside",
            "hi there, just wanted to say thanks for fixing the lights last week. also, not sure who to tell, but the lift in block 4 has been stuck for 20 minutes and there are people inside, I can hear them knocking",
            "my neighbour is trapped in one of the lifts in building 9",
            "电梯卡住了 我在里面",
            "我在电梯里 电梯突然停了 灯也灭了",
            "lift broke down with me inside",
            "help im in the elevator and it wont move",
            "elevator stuck between 4th and 5th floor with people inside",
            "电梯停在半空了",
            "求救 困在电梯 手机快没电了",
            "快点来人啊!!!电梯卡在12楼和13楼中间 我老婆和孩子在里面",
            "5号楼电梯掉到负一楼 里面有两个人",
            "dianti kun ren le kuai lai",
            "the elevator fell a few floors and now it's stuck with us inside",
            "电梯卡在12楼和13楼中间了",
            "电梯坏了 我老婆和孩子在里面",
            "5号楼电梯停了 里面有两个人",
            "we can not get out!! please hurry",
        ])
    func trapped(sentence: String) {
        #expect(Self.isUrgent(sentence))
    }

    @Test(
        "fire or smoke is urgent",
        arguments: [
            "楼道里着火了",
            "楼下垃圾桶烧起来了 火很大",
            "6楼有户人家冒黑烟 窗户都熏黑了",
            "厨房油锅着了 火灭不掉",
            "插座冒烟了 还有股烧焦的味道",
            "地下车库有辆电动车起火了",
            "楼道里全是烟 呛得睁不开眼",
            "对面楼好像着火了 好大的烟",
            "配电房里有焦糊味 还冒着烟",
            "家里电线起火了 我已经拉了总闸但是还在冒烟",
            "11楼阳台的杂物烧着了",
            "火还没灭 消防车还没到 快帮忙疏散",
            "快来人啊 楼下着火了",
            "十二楼有人家里起火 烟从窗户冒出来",
            "3栋冒烟了快来",
            "没有燃气味 但是插座冒烟了",
            "家里没电了 插座还在冒烟",
            "没想到会着火",
            "是不是着火了 好大的烟",
            "配电箱在冒烟 有焦糊味 快来人啊",
            "there's smoke coming out of the socket",
            "there's a fire in the trash room on the 4th floor",
            "flames coming out of a window in building 2",
            "the hallway is full of smoke and the alarm is going off",
            "my neighbour's balcony is on fire!!",
            "the power strip caught fire and the living room is smoky",
            "the e-bike battery in the garage is smoking",
            "FIRE!!! building 3",
            "there is no smoke but I can see flames",
            "the outlet is sparking and smells burnt",
            "我家楼下的小饭馆厨房着火了 火苗都窜到二楼了 我们全家已经下楼了 麻烦物业赶紧过来看看",
            "楼道有烟 好呛",
            "有股很浓的烧焦味 不知道哪里着了",
            "插座打火了",
            "电动车在楼道里充电起火了",
            "配电室那边冒出烟雾 还有焦糊味 好几户都停电了",
            "the kitchen caught on fire",
            "smoke in the stairwell, cant see anything",
            "小区有辆车自燃了",
            "zhao huo le!! 3 dong",
        ])
    func fire(sentence: String) {
        #expect(Self.isUrgent(sentence))
    }

    @Test(
        "a gas smell or leak is urgent",
        arguments: [
            "厨房一股煤气味",
            "楼道里燃气味特别重 是不是哪家漏气了",
            "燃汽管道那里嘶嘶的响 闻着有股臭味",
            "一进门就闻到很浓的天然气 头有点晕",
            "煤汽罐好像漏气了",
            "我家燃气报警器一直在响",
            "闻到好大的燃汽味 快来人看看",
            "我老婆说头晕 家里好像有煤气味",
            "天然汽泄漏了 整层楼都是味道",
            "燃气灶那里有很大的煤气味 我已经关了阀门开了窗",
            "楼下那家的天然气管子被挖断了 全是味",
            "燃气泻漏了",
            "你好 我是8栋1单元902的业主 上周报修的厨房下水道到现在还没人来修 这个先不说 现在最要紧的是 我们这层楼道里有很重的燃气味 我敲了隔壁的门没人开 是不是他们家漏气了 麻烦赶紧派人来",
            "I smell gas in the kitchen",
            "strong smell of gas in the stairwell on floor 12",
            "i think there is a gas leak, my head hurts and i feel dizzy",
            "the gas meter is hissing and it smells like rotten eggs",
            "smel gass in the corridor",
            "theres a gas leek in the basement",
            "the whole corridor smells of gas",
            "my wife feels dizzy and i think it's the gas",
            "煤气好像漏了",
            "一股臭鸡蛋味 是不是漏气了",
            "hissing noise from the gas line behind the stove",
            "gas is leaking from the meter",
            "燃气表那里有滋滋的声音 还有味道",
        ])
    func gas(sentence: String) {
        #expect(Self.isUrgent(sentence))
    }

    @Test(
        "major flooding is urgent",
        arguments: [
            "热水管爆了 家里发大水了 总阀在哪关啊 救命",
            "地下车库进水了 水已经没过车轮了",
            "地库被淹了 好多车泡在水里",
            "楼上水管爆裂 水顺着天花板往下灌 我家客厅全是水",
            "一楼大堂进水了 水位还在上涨",
            "家里水已经漫到膝盖了",
            "卫生间的管子崩了 水哗哗往外喷 关不住",
            "暴雨 小区门口的水齐腰深了",
            "小区主水管爆了 路上全是水",
            "负一楼配电房进水了",
            "地下室淹水 水越来越深",
            "家里地漏往外冒水 已经淹到卧室了",
            "水管爆了!!!",
            "楼顶水箱爆了 水哗哗地往楼道里流",
            "我家楼上不知道干什么 一直在漏水 今天更严重了 整个卫生间的天花板都在往下滴 现在水已经漫到客厅了 地板全泡了",
            "物业 你们的人到底什么时候来 都说了三遍了 地下室的水已经没过脚踝了 还在往里灌",
            "the basement is flooded",
            "no hot water and the bathroom is flooding",
            "the underground garage is flooding, water is up to my knees",
            "a pipe burst in the ceiling and water is pouring into our flat",
            "the water main burst outside building 6 and water is rising fast",
            "the lobby is under water",
            "there's a foot of water in the basement",
            "hello, I know you are busy and I already sent a message yesterday about the noise from the gym, but right now there is water gushing out from under the door of the flat above us and it is coming through our ceiling into the living room, please send someone now",
            "the car park is knee deep in water",
            "our kitchen is full of water, the pipe under the sink exploded",
            "楼上漏水 我家都成水帘洞了",
            "下水道反水 脏水已经漫到客厅了",
            "小区门口积水齐膝 车都熄火了",
            "water up to my ankles in the hallway",
        ])
    func flooding(sentence: String) {
        #expect(Self.isUrgent(sentence))
    }

    @Test(
        "sparks or live current people can touch are urgent",
        arguments: [
            "客厅插座冒火花了!!!吓死我了",
            "小区路灯杆漏电 刚才一只狗被电到了",
            "洗澡的时候热水器漏电 电了我一下 手到现在还是麻的",
            "单元门的铁门带电 摸一下就麻",
            "楼道里的电线裸露着 小孩子天天在那玩",
            "水龙头摸着麻手 是不是漏电了",
            "我爸刚才被插座电到了 人还有点懵",
            "小区充电桩那边有根电线断了在打火花",
            "开关一按就冒火花",
            "触电了 快叫救护车",
            "电线杆上的电线掉在地上了 还在冒火花",
            "我刚才摸了一下楼道的铁栏杆 被电了一下",
            "漏电了 刚才电到人了",
            "花洒漏电 洗澡的时候手发麻",
            "the railing on the 3rd floor gives shocks when you touch it",
            "my son got a shock from the elevator button",
            "exposed wires hanging in the playground where kids play",
            "my neighbor got electrocuted by the water heater",
            "sparks flying from the meter box in the corridor",
            "the metal gate is live, my daughter touched it and it zapped her",
            "电线裸露 人很容易碰到",
            "楼下电线掉下来了 还带着电 小孩在旁边玩",
            "洗衣机漏电 摸了一下被电了",
            "my wife got a nasty shock from the kitchen light switch",
            "the light switch shocked me",
        ])
    func current(sentence: String) {
        #expect(Self.isUrgent(sentence))
    }

    @Test(
        "someone hurt is urgent",
        arguments: [
            "物业你好我家老人摔倒了",
            "我妈在楼道滑倒了 起不来",
            "楼上掉下来一个花盆 砸到人了",
            "外墙瓷砖掉下来砸中一个路过的老人 头上流了好多血",
            "小孩在小区游乐场摔断了胳膊",
            "有个保洁阿姨在地下车库晕倒了",
            "保安被电动车撞了 腿好像骨折了",
            "邻居家的狗把我孩子咬了 腿上咬出血了",
            "一个老大爷倒在地上 叫不醒",
            "电梯门夹到孩子的手了 手指流血了",
            "快来人 有人从楼梯上摔下去了 一动不动",
            "我老公在地库滑了一跤 头磕破了",
            "工人从脚手架上掉下来了",
            "孩子被楼上扔下来的东西砸到头了",
            "我爸心脏病犯了 倒在电梯里 快帮忙叫120",
            "楼下有人被高空抛物砸伤了",
            "邻居大爷在电梯里晕过去了",
            "我家宝宝从床上摔下来了 哭个不停",
            "孩子被烫伤了",
            "楼道里有个人躺在地上 一动不动",
            "我妈在家里晕倒了 我在外地 麻烦物业帮忙去看一下",
            "早上好 想问一下物业费的事情 另外顺便说一下 刚才我下楼的时候看到2号楼门口有个老奶奶摔倒了 在地上起不来 旁边也没人管 你们保安能不能过去看看",
            "不小心摔倒了 腿动不了",
            "someone is hurt, please send help",
            "my dad fell down the stairs and is bleeding",
            "an old lady slipped on the ice by gate 2 and can't get up",
            "a kid was hit by a car in the parking lot",
            "my husband fell off the ladder and I think he broke his arm",
            "a worker fainted in the boiler room",
            "the cleaner is unconscious in the stairwell",
            "a tile fell from the facade and hit a man on the head, he is bleeding",
            "a dog bit my daughter in the courtyard",
            "my grandpa collapsed in the lobby, please call an ambulance",
            "please call 120, someone is not breathing",
            "my kid caught his hand in the lift door and he is screaming",
            "emergancy!! someone fell from the balcony",
            "my mom is on the floor and can't get up",
            "a delivery guy got knocked out by the barrier in the car park",
            "老人躺在床上动不了了",
            "电梯门夹住人了",
            "奶奶在卫生间滑倒了 头流血了",
            "小孩被门夹到手了 哭得厉害",
            "一个快递小哥被车撞了",
            "a guard was bitten by a dog",
            "my wife slipped in the lobby and broke her wrist",
            "电梯夹到小孩了",
            "小孩手指被门夹断了",
        ])
    func hurt(sentence: String) {
        #expect(Self.isUrgent(sentence))
    }

    @Test(
        "negated emergencies, hazards, exceptions and everyday faults are not urgent",
        arguments: [
            "没有燃气味",
            "没闻到煤气味 就是想问下燃气费怎么交",
            "不是着火，是邻居在烧烤",
            "并没有人受伤",
            "没有人被困 只是电梯停了",
            "电梯里没有人被困",
            "电梯坏了",
            "电梯坏了好几天了 老人上下楼很困难",
            "电梯门关不上 一直响",
            "电梯卡刷不了 上不去",
            "电梯一直咣咣响",
            "我被锁在门外了",
            "钥匙锁在家里了 电梯卡也在里面",
            "漏电保护器跳了 家里没电",
            "一开热水器就跳闸 是不是漏电",
            "楼道灯坏了",
            "热水器打不着火 洗不了澡",
            "燃气灶点不着火 打了好几次",
            "燃气灶火苗很小 做饭很慢",
            "楼下烧烤的烟飘到我家 太呛了",
            "楼上天天抽烟 烟味很大",
            "小区门口的小吃街油烟很大 整栋楼都闻得到",
            "天花板的石膏线掉下来了 差点砸到人",
            "外墙瓷砖松了 万一掉下来砸到人怎么办",
            "车窗被砸了 车里的包被偷了",
            "楼道的扶手断了 老人容易摔倒",
            "地上有积水 很滑 小心摔倒",
            "卫生间地漏反水 地上有点积水",
            "水龙头一直滴水 关不紧",
            "楼上卫生间漏水 渗到我家天花板了",
            "下水道堵了 水下不去",
            "水费怎么又上涨了",
            "下周会停电吗",
            "电线裸露 在配电箱里面 麻烦派人处理下",
            "插座松了 插头插不紧",
            "消防通道被车堵了两天了",
            "灭火器过期了",
            "小区什么时候搞消防演练",
            "烟感报警器一直滴滴响 是不是没电了",
            "天然气费在哪里交",
            "请问燃气报警器坏了找谁修",
            "楼上装修砸墙 吵得人睡不着",
            "今天好困 电梯又坏了 只能爬楼",
            "我家车被刮了 车头划伤了",
            "燃气费太贵了",
            "我想问下 如果家里着火了 应该先打哪个电话",
            "孩子在电梯里乱按",
            "你好 我想反映一下 我们单元的电梯最近老是出问题 上个月还困过人 希望物业重视一下",
            "差点摔倒 地上太滑了",
            "空调外机摇摇欲坠 随时可能砸到人",
            "停电到现在还没来电",
            "电梯年检报告还没出来吗",
            "燃气热水器漏水了",
            "请问小区有AED吗 万一有人晕倒可以用",
            "被困扰很久了 楼上太吵",
            "小区有没有急救箱",
            "停电人都快疯了",
            "车位被别人占着了 打电话也不接",
            "孩子在床上睡着了 楼上还在装修",
            "门把手有静电 电了一下",
            "感冒了 楼上还一直抽烟",
            "楼道角落全是烟头 没人打扫",
            "楼下饭店油烟太大了 熏得衣服都是味",
            "护栏被车撞断了 一直没人修",
            "墙上被砸出一个大洞 邻居装修干的",
            "排水沟盖板没了 露出半米深的沟",
            "草长得齐腰高了 也不修剪",
            "车停得太乱了 救护车都开不进来",
            "燃气管锈得厉害 担心哪天漏气",
            "小区电梯频繁困人 希望彻底检修",
            "孩子以前被这扇门夹伤过 希望装个防夹条",
            "楼道扶手松了 怕老人摔倒",
            "空调外机架子锈了 怕掉下来砸到人",
            "谢谢你们上次及时处理了电梯困人的事",
            "请问发生火灾时应该往哪里跑",
            "电梯里有人抽烟 烟味很大",
            "有人在楼道里熏腊肉 整栋楼一股烟熏味",
            "暖气片漏水了 地上湿了一片",
            "楼上漏水 天花板有水渍",
            "电梯停在18楼不动了 等了半天",
            "燃气热水器漏了一地水",
            "孩子在小区里骑车摔了一跤 膝盖擦破点皮 没什么大事 就是想建议把那个坑填了",
            "保安大叔人很好 上次帮我把受伤的猫送去宠物医院",
            "电梯里面有人抽烟 烟味好重",
            "家里暖气漏气 嘶嘶响",
            "被蚊子咬了好多包 小区该灭蚊了",
            "电梯最近多次出现下坠 希望彻底检修",
            "我的车被堵住了动不了",
            "电梯动不了了 等了好久",
            "电线裸露 物业的人也不来修",
            "no gas smell, just checking",
            "there is no smoke",
            "no smoke, just a beeping smoke detector",
            "nobody is trapped, the lift just stopped",
            "not flooding, just a small drip under the sink",
            "no one is trapped in the lift",
            "I don't smell gas anymore",
            "the fire extinguisher in the corridor is expired",
            "car blocking the fire lane for two days",
            "cigarette smoke from the neighbour comes in my window",
            "the fireworks last night were so loud",
            "emergency lights in the stairwell are broken",
            "the smoke alarm battery is low",
            "the flat is split into tiny rooms and it is a fire risk",
            "the emergency button in the elevator doesnt work",
            "the elevator is stuck on the 5th floor again, please fix it",
            "the elevator keeps getting stuck, it's the third time this week",
            "I'm locked out of my flat, can someone bring a spare key",
            "the lift makes a loud grinding noise",
            "the smoke alarm in my hallway keeps chirping",
            "a loose tile almost hit someone yesterday, please fix the facade",
            "the railing on the stairs is loose, someone could get hurt",
            "the gas bill this month is way too high",
            "how do I pay the gas fee",
            "the water pressure in the shower is low",
            "there are water stains on my ceiling",
            "the fire alarm is beeping again",
            "the stove igniter sparks but won't light",
            "my elevator card is not working",
            "the power went out and the breaker tripped",
            "the dog next door barks all day and it hurts my ears",
            "what should we do in case of a fire",
            "my neighbours smoke on their balcony every night",
            "please fire the guard at gate 2, he is always asleep",
            "I'm stuck at home because the lift is broken, when will it be fixed?",
            "the drain in the basement smells bad",
            "the smoke from the restaurant downstairs comes into our flat every evening",
            "the elevator door is stuck open on the 3rd floor",
            "my son fell asleep in the car, can I park at the door for 5 minutes",
            "fix the broken step before someone gets hurt",
            "the tap won't stop dripping",
            "I have a family emergency and need to cancel the visit tomorrow",
            "how do we prevent the basement from flooding next time",
            "the neighbours are having a bbq and the smoke is annoying",
            "the car park barrier is stuck",
            "i'm stuck in traffic, can the plumber come later",
            "the playground slide is broken, a kid could get hurt",
            "i nearly fell on the wet floor in the lobby",
            "the elevator stopped on the 9th floor and won't move",
            "the sprinkler in the garden is broken and spraying water on the path",
            "the drain smells like rotten eggs",
            "can't get out of the car park, the barrier is down",
            "i smell cigarette smoke in the stairwell every night",
            "the kids' playground needs new sand",
            "",
        ])
    func notUrgent(sentence: String) {
        let matches = Self.detector.matches(in: Self.prepared(sentence))
        #expect(matches.isEmpty)
    }

    @Test("matches name the entries found, in order, each once")
    func matches() {
        let several = Self.detector.matches(in: "燃气泄漏了 有人晕倒了 燃气泄漏")
        #expect(several == ["燃气泄漏", "晕倒"])
        let withLe = Self.detector.matches(in: "电梯里困了人")
        #expect(withLe == ["困人"])
        // A pattern is named where no word was found.
        let pattern = Self.detector.matches(in: "我困在3号楼的电梯里")
        #expect(pattern == ["困...电梯|轿厢"])
    }

    @Test("English terms match whole words, with a plural s")
    func wordBoundaries() {
        let detector = UrgencyDetector(terms: ["fire", "gas leak"], negations: ["no"], exceptions: [])
        #expect(detector.isUrgent("fire!"))
        #expect(detector.isUrgent("two fires in the bins"))
        #expect(detector.isUrgent("a gas   leak"))
        #expect(!detector.isUrgent("fireworks"))
        #expect(!detector.isUrgent("fireplace"))
        #expect(!detector.isUrgent("ceasefire"))
        #expect(!detector.isUrgent("no fire"))
        #expect(detector.isUrgent("no, fire"))
        #expect(detector.isUrgent("know fire"))
    }

    @Test("a negation reaches a few words, not across a clause")
    func negationScope() {
        let detector = UrgencyDetector(terms: ["smoke", "冒烟"], negations: ["no", "没有"], exceptions: [])
        #expect(!detector.isUrgent("there is no sign of smoke"))
        #expect(detector.isUrgent("no idea why there is so much smoke"))
        #expect(detector.isUrgent("no water in the flat for hours now smoke"))
        #expect(!detector.isUrgent("没有看到冒烟"))
        #expect(detector.isUrgent("没有人来 冒烟了"))
        #expect(detector.isUrgent("没有的事情发生过很久以后冒烟"))
    }

    @Test("a pattern's parts match in order within the window")
    func patternOrderAndWindow() {
        let detector = UrgencyDetector(
            terms: ["困...电梯", "stuck...elevator"], negations: [], exceptions: [], nonNegations: [])
        #expect(detector.isUrgent("困在电梯里"))
        #expect(detector.isUrgent("困在12号楼的电梯里"))
        #expect(detector.isUrgent("困一二三四五六七八电梯"))  // eight characters between the parts
        #expect(!detector.isUrgent("困一二三四五六七八九电梯"))  // nine
        #expect(!detector.isUrgent("电梯里困了人"))  // wrong order
        #expect(detector.isUrgent("we are stuck in the elevator"))
        #expect(detector.isUrgent("stuck in one two three four elevator"))  // five words between
        #expect(!detector.isUrgent("stuck in one two three four five elevator"))  // six
        #expect(detector.isUrgent("stuck in elevator 12"))
        #expect(!detector.isUrgent("the elevator is stuck"))
        #expect(!detector.isUrgent("unstuck in the elevator"))  // whole words
    }

    @Test("a pattern stays within one clause; spaces and an ellipsis do not end it")
    func patternClause() {
        let detector = UrgencyDetector(
            terms: ["困...电梯", "smoke...everywhere"], negations: [], exceptions: [], nonNegations: [])
        #expect(detector.isUrgent("困在 电梯里"))
        #expect(detector.isUrgent("困在...电梯里"))
        #expect(detector.isUrgent("困在…电梯里"))
        #expect(!detector.isUrgent("困了，电梯里"))
        #expect(!detector.isUrgent("困了。电梯里"))
        #expect(!detector.isUrgent("好困但是电梯还没修好"))
        #expect(detector.isUrgent("smoke is   everywhere"))
        #expect(!detector.isUrgent("smoke. everywhere"))
        #expect(!detector.isUrgent("smoke but everywhere"))
        #expect(!detector.isUrgent("smoke is gone however everywhere"))
    }

    @Test("a pattern starting with ~ matches its parts in any order")
    func patternAnyOrder() {
        let detector = UrgencyDetector(
            terms: ["~电梯...困", "~a...b...c"], negations: [], exceptions: [], nonNegations: [])
        #expect(detector.isUrgent("电梯里困了人"))
        #expect(detector.isUrgent("困在电梯里"))
        #expect(!detector.isUrgent("电梯坏了"))
        #expect(detector.isUrgent("c then a then b"))
        #expect(detector.isUrgent("b a c"))
        #expect(!detector.isUrgent("a b"))
        #expect(detector.matches(in: "电梯困人") == ["~电梯...困"])
    }

    @Test("pattern parts have alternatives, plurals and 了 like words")
    func patternAlternatives() {
        let detector = UrgencyDetector(
            terms: ["stuck|trapped...elevator|lift", "水...没过|齐膝", "冒...烟", "着火...快来"], negations: [],
            exceptions: [], nonNegations: [])
        #expect(detector.isUrgent("trapped in the lifts"))
        #expect(detector.isUrgent("stuck in two elevators"))
        #expect(detector.isUrgent("水已经齐膝了"))
        #expect(detector.isUrgent("着了火 快来"))
        #expect(detector.isUrgent("冒着黑烟"))
        #expect(!detector.isUrgent("trapped in the liftshaft"))
    }

    @Test("negations and exceptions cancel patterns")
    func patternCancelled() {
        let detector = UrgencyDetector(
            terms: ["~电梯...困", "someone...hurt", "燃气...味"], negations: ["没有", "没", "not", "no"],
            exceptions: ["困难", "燃气费", "gets hurt"], nonNegations: ["没反应"])
        #expect(!detector.isUrgent("没有燃气味"))  // before the first part
        #expect(!detector.isUrgent("电梯里没有人被困"))  // before a later part
        #expect(!detector.isUrgent("someone is not hurt"))
        #expect(detector.isUrgent("someone is hurt"))
        #expect(detector.isUrgent("电梯没反应 有人困住了"))
        #expect(!detector.isUrgent("电梯坏了上下楼很困难"))  // an exception holds a part
        #expect(!detector.isUrgent("燃气费涨了 有股味"))
        #expect(!detector.isUrgent("before someone gets hurt"))
        #expect(detector.isUrgent("没有燃气费的单子 但是一股燃气味"))
    }

    @Test("entries that are only punctuation or empty parts are harmless")
    func oddEntries() {
        let detector = UrgencyDetector(
            terms: ["...", "~", "|", "a...", "...b", "~...c", "x||y", "…", "~d…e"], negations: [], exceptions: [])
        #expect(detector.isUrgent("a"))
        #expect(detector.isUrgent("b"))
        #expect(detector.isUrgent("y"))
        #expect(detector.isUrgent("e and d"))
        #expect(!detector.isUrgent("..."))
        #expect(!detector.isUrgent("~ | …"))
        #expect(detector.matches(in: String(repeating: "a...", count: 2_000)) == ["a..."])
    }

    @Test("a long message is judged whole, and a huge one still answers")
    func longMessages() {
        let message =
            "你好物业 我是5栋2单元1302的业主 昨天晚上楼上装修的声音一直到十一点多 我跟他们说了好几次都没用 今天早上又开始敲 "
            + "我家老人心脏不好 实在受不了了 另外我们这栋楼的电梯最近老是停 水压也不稳 楼道里堆的纸箱子很多 麻烦尽快处理一下"
            + " also the hallway light on our floor has been out for a week and the lift keeps making a noise"
        #expect(!Self.detector.isUrgent(Self.prepared(message)))
        let worst = String(repeating: "水电梯困冒火 stuck ", count: 1_000)
        #expect(Self.detector.isUrgent(worst))
    }

    @Test("a detector with no words finds nothing")
    func empty() {
        let detector = UrgencyDetector(terms: [], negations: [], exceptions: [], nonNegations: [])
        #expect(!detector.isUrgent("着火了"))
        #expect(detector.matches(in: "") == [])
    }
}
