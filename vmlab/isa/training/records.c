/* Training program for the superinstruction profile (vmlab/isa/fused_pairs.py).
 * Records: a merge sort of structs by two keys, binary searches, and a binary-heap priority
 * queue used as an event scheduler; every result is checked against a simpler method. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct rec { int dept; int salary; char name[12]; int id; };

static unsigned state = 0xC0FFEE;
static unsigned rnd(void) { state ^= state << 13; state ^= state >> 17; state ^= state << 5; return state; }

static int before(const struct rec *a, const struct rec *b)
{
    if (a->dept != b->dept) return a->dept < b->dept;
    if (a->salary != b->salary) return a->salary > b->salary;
    return strcmp(a->name, b->name) < 0;
}

static void merge_sort(struct rec *v, struct rec *tmp, int n)
{
    if (n < 2) return;
    if (n <= 8) {                               /* insertion sort for short runs */
        for (int i = 1; i < n; i++) {
            struct rec x = v[i];
            int j = i;
            while (j > 0 && before(&x, &v[j - 1])) { v[j] = v[j - 1]; j--; }
            v[j] = x;
        }
        return;
    }
    int h = n / 2;
    merge_sort(v, tmp, h);
    merge_sort(v + h, tmp, n - h);
    int i = 0, j = h, k = 0;
    while (i < h && j < n) tmp[k++] = before(&v[j], &v[i]) ? v[j++] : v[i++];
    while (i < h) tmp[k++] = v[i++];
    while (j < n) tmp[k++] = v[j++];
    memcpy(v, tmp, n * sizeof *v);
}

static int find_dept(const struct rec *v, int n, int dept)
{
    int lo = 0, hi = n;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (v[mid].dept < dept) lo = mid + 1; else hi = mid;
    }
    return lo;
}

struct event { unsigned time; int who; };
static struct event heap[4096];
static int hn;

static void push(struct event e)
{
    int i = hn++;
    while (i > 0) {
        int p = (i - 1) / 2;
        if (heap[p].time <= e.time) break;
        heap[i] = heap[p];
        i = p;
    }
    heap[i] = e;
}

static struct event pop(void)
{
    struct event top = heap[0], last = heap[--hn];
    int i = 0;
    for (;;) {
        int c = 2 * i + 1;
        if (c >= hn) break;
        if (c + 1 < hn && heap[c + 1].time < heap[c].time) c++;
        if (last.time <= heap[c].time) break;
        heap[i] = heap[c];
        i = c;
    }
    heap[i] = last;
    return top;
}

#define N 2000
int main(void)
{
    static struct rec v[N], tmp[N];
    for (int i = 0; i < N; i++) {
        v[i].dept = rnd() % 40;
        v[i].salary = 20000 + rnd() % 50000;
        v[i].id = i;
        int len = 3 + rnd() % 8;
        for (int k = 0; k < len; k++) v[i].name[k] = 'a' + rnd() % 26;
        v[i].name[len] = 0;
    }
    merge_sort(v, tmp, N);
    for (int i = 1; i < N; i++)
        if (before(&v[i], &v[i - 1])) return 1;
    long payroll = 0;
    int depts = 0;
    for (int d = 0; d < 40; d++) {
        int a = find_dept(v, N, d), b = find_dept(v, N, d + 1);
        int count = 0;
        for (int i = 0; i < N; i++) count += v[i].dept == d;
        if (b - a != count) return 2;
        if (b > a) { depts++; payroll += v[a].salary; }
    }
    /* Scheduler: each worker reschedules itself a random delay later, 8000 events. */
    for (int w = 0; w < 500; w++) push((struct event){rnd() % 1000, w});
    unsigned now = 0;
    int done[500] = {0};
    for (int k = 0; k < 8000; k++) {
        struct event e = pop();
        if (e.time < now) return 3;
        now = e.time;
        done[e.who]++;
        push((struct event){now + 1 + rnd() % 997, e.who});
    }
    int total = 0;
    for (int w = 0; w < 500; w++) total += done[w];
    printf("%d departments, top payroll %ld, clock %u\n", depts, payroll, now);
    return total == 8000 && hn == 500 ? 0 : 4;
}
