/* Main object: data with a load address, bss, noinit and a long function name. */
int counter = 5;
int zeroed;
const char message[] = "hello";
__attribute__((section(".noinit.buf"))) char noinit_buf[64];
__attribute__((section(".keep_me"), used)) const int kept = 0x1234;

int a_very_long_function_name_that_should_wrap_the_line_in_map(int x)
{
	return x * 3;
}

extern int extfn(int x);
extern int mix(int v);
extern const int table[3];

int main(void)
{
	return a_very_long_function_name_that_should_wrap_the_line_in_map(counter) +
	       message[0] + zeroed + noinit_buf[0] + extfn(1) + mix(2) + table[1];
}
