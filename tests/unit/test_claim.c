/* placeholder */
void suite_claim(void);
void suite_claim(void) {}
