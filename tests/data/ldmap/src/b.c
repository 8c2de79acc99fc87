/* Code the script relocates into the external-flash window. */
int extfn(int x)
{
	return x + 1;
}
