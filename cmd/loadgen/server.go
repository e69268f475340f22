package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// The goals of issue 16 for the server's process.
const (
	startupGoal = time.Second // from launch to /readyz answering, SQLite with the demo
	rssGoalMB   = 60          // resident memory at rest
)

// restDelay is how long the server is left idle after start-up before its
// memory at rest is read: what it keeps, not what it briefly held.
const restDelay = 2 * time.Second

// serverProcess is what loadgen knows of the server's process.
type serverProcess struct {
	pid          int
	startedNanos int64
	// firstStart is how long the server took to be ready the first time,
	// on an empty data folder (loading the demo), timed by the caller.
	firstStart time.Duration
}

// startupReport is the time from the server's launch to /readyz answering
// 200: on its database, and the first time, on an empty folder.
type startupReport struct {
	Seconds           float64 `json:"seconds"`
	GoalSeconds       float64 `json:"goal_seconds"`
	Met               bool    `json:"met"`
	FirstStartSeconds float64 `json:"first_start_seconds,omitempty"`
	FirstStartMet     *bool   `json:"first_start_met,omitempty"`
}

// memoryReport is the server's resident memory.
type memoryReport struct {
	RSSAtRestMB float64 `json:"rss_at_rest_mb"`
	GoalMB      float64 `json:"goal_mb"`
	Met         bool    `json:"met"`
	AfterLoadMB float64 `json:"rss_after_load_mb"`
}

// startup reports the time until readyAt, or nil when -started was not given.
func (p serverProcess) startup(readyAt time.Time) *startupReport {
	if p.startedNanos == 0 {
		return nil
	}
	d := readyAt.Sub(time.Unix(0, p.startedNanos))
	s := &startupReport{Seconds: d.Seconds(), GoalSeconds: startupGoal.Seconds(), Met: d < startupGoal}
	if p.firstStart > 0 {
		met := p.firstStart < startupGoal
		s.FirstStartSeconds, s.FirstStartMet = p.firstStart.Seconds(), &met
	}
	return s
}

// rssAtRest reads the memory after restDelay without load, or nil without -server-pid.
func (p serverProcess) rssAtRest(ctx context.Context) *memoryReport {
	if p.pid == 0 {
		return nil
	}
	select {
	case <-ctx.Done():
	case <-time.After(restDelay):
	}
	mb := p.rssMB()
	return &memoryReport{RSSAtRestMB: mb, GoalMB: rssGoalMB, Met: mb > 0 && mb < rssGoalMB}
}

// rssMB returns the process's resident memory in MiB, 0 when unknown.
func (p serverProcess) rssMB() float64 {
	if p.pid == 0 {
		return 0
	}
	kb, err := residentKB(fmt.Sprintf("/proc/%d/status", p.pid))
	if err != nil {
		return 0
	}
	return float64(kb) / 1024
}

// residentKB reads the VmRSS line of a Linux /proc/PID/status file.
func residentKB(path string) (int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			return strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
		}
	}
	return 0, fmt.Errorf("%s: no VmRSS line", path)
}

// clockTicks is the unit of the times in /proc/PID/stat (USER_HZ, 100 on Linux).
const clockTicks = 100

// cpuTime returns the processor time (user and system) process pid has
// used, 0 when unknown.
func cpuTime(pid int) time.Duration {
	if pid == 0 {
		return 0
	}
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	return statCPU(string(b))
}

// statCPU reads utime and stime from a /proc/PID/stat line: fields 14 and
// 15, counted after the command name, which may hold spaces.
func statCPU(stat string) time.Duration {
	i := strings.LastIndexByte(stat, ')')
	if i < 0 {
		return 0
	}
	f := strings.Fields(stat[i+1:])
	if len(f) < 13 {
		return 0
	}
	user, err1 := strconv.ParseInt(f[11], 10, 64)
	sys, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0
	}
	return time.Duration(user+sys) * time.Second / clockTicks
}
