import FuzzDriver

@main
struct Main {
    static func main() { FuzzDriver.main(ParsersTarget.run) }
}
