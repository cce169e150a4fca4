// A program that never names an allocator: it allocates only through operator new (a vector) and
// stdio, as most firmware does. Linked through the installed CMake package or pkg-config file and
// nothing else, it must still get lite-alloc (test/abi/install.sh checks its symbols or link map).
#include <cstdio>
#include <vector>

int main() {
    std::vector<int> numbers;
    for (int i = 0; i < 1000; ++i) numbers.push_back(i * 3);
    long sum = 0;
    for (int n : numbers) sum += n;
    int *array = new int[256];
    for (int i = 0; i < 256; ++i) array[i] = i;
    bool right = sum == 1498500L && array[255] == 255;
    delete[] array;
    if (!right) {
        std::printf("new_stdio: FAILED sum %ld\n", sum);
        return 1;
    }
    std::printf("new_stdio: ok\n");
    return 0;
}
