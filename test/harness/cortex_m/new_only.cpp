// A C++ program that allocates only through operator new and stdio: it never names malloc nor
// lite-alloc, so nothing would pull liblite_alloc.a in. Its link line adds -Wl,-u,_malloc_r, as
// the README says for such programs, and the heap check must still find lite-alloc alone.
#include <cstdio>
#include <vector>

int main() {
    std::vector<int> numbers;
    for (int i = 0; i < 1000; ++i) numbers.push_back(i);
    if (numbers[999] != 999) return 1;
    std::printf("new_only: ok\n");
    return 0;
}
