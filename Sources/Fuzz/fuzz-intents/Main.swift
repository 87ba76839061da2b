import FuzzDriver

@main
struct Main {
    static func main() { FuzzDriver.main(IntentsTarget.run) }
}
