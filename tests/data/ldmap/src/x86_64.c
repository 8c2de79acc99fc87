/* Trivial static x86-64 program: its map has 16-digit addresses. */
long answer = 42;
long scratch[8];

void _start(void)
{
	scratch[0] = answer;
	__asm__ volatile("mov $60, %eax\n\txor %edi, %edi\n\tsyscall");
}
