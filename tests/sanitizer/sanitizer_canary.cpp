// A deliberate fault behind an environment switch, built only into the sanitizer build.
// It proves that the sanitizer run fails on a report: `sanitizer_catches_*` run it with
// the switch set and expect the report; `sanitizer_canary` runs it with the caller's
// environment, so `NBC_SANITIZER_CANARY=use-after-free make test-asan` must fail.
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace {

struct Base
{
    virtual ~Base() = default;
    virtual int value() const { return 1; }
};

struct Derived : Base
{
    int value() const override { return 2; }
};

int useAfterFree()
{
    auto *numbers = new int[4]{1, 2, 3, 4};
    int *volatile kept = numbers;   // hidden from the compiler's use-after-free warning
    delete[] numbers;
    return kept[2];   // heap-use-after-free
}

int memberCallOnWrongType()
{
    // The shape of the bug the placeholder had: a member call through a pointer whose
    // object is not of that type (UBSan's vptr check).
    Base plain;
    Base *base = &plain;
    return static_cast<Derived *>(base)->value();
}

} // namespace

int main()
{
    const char *fault = std::getenv("NBC_SANITIZER_CANARY");
    if (!fault || !*fault)
        return 0;
    if (std::strcmp(fault, "use-after-free") == 0)
        return useAfterFree() == 3 ? 0 : 1;
    if (std::strcmp(fault, "wrong-type") == 0)
        return memberCallOnWrongType() == 1 ? 0 : 1;
    std::fprintf(stderr, "unknown NBC_SANITIZER_CANARY value: %s (use-after-free, wrong-type)\n", fault);
    return 2;
}
