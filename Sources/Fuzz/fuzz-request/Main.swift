import FuzzDriver

@main
struct Main {
    static func main() { FuzzDriver.main(RequestTarget.run) }
}
