import assert from "node:assert/strict";
import { createTokenizer } from "./create.ts";

const en = createTokenizer("en");

// Expected tokens written by hand (English Web Treebank / spaCy conventions).
const cases: Array<[string, string[]]> = [
  ["I don't know.", ["I", "do", "n't", "know", "."]],
  ["We can't, won't and shan't.", ["We", "ca", "n't", ",", "wo", "n't", "and", "sha", "n't", "."]],
  ["DON'T SHOUT", ["DO", "N'T", "SHOUT"]],
  ["I’m sure you’ve heard.", ["I", "’m", "sure", "you", "’ve", "heard", "."]],
  ["dont worry, im fine", ["do", "nt", "worry", ",", "i", "m", "fine"]],
  ["cant wont", ["ca", "nt", "wo", "nt"]],
  ["We'll see; they'd've known.", ["We", "'ll", "see", ";", "they", "'d", "'ve", "known", "."]],
  ["Well, it's its own thing.", ["Well", ",", "it", "'s", "its", "own", "thing", "."]],
  ["I'm gonna go, wanna come?", ["I", "'m", "gon", "na", "go", ",", "wan", "na", "come", "?"]],
  ["Let's meet Mr. Smith at 5pm.", ["Let", "'s", "meet", "Mr.", "Smith", "at", "5", "pm", "."]],
  ["Dr. Jones, Ph.D., lives in the U.S.", [
    "Dr.",
    "Jones",
    ",",
    "Ph.D.",
    ",",
    "lives",
    "in",
    "the",
    "U.S.",
  ]],
  ["e.g. apples, i.e. fruit, etc.", ["e.g.", "apples", ",", "i.e.", "fruit", ",", "etc."]],
  ["The cat's toy (a ball) costs $5.", [
    "The",
    "cat",
    "'s",
    "toy",
    "(",
    "a",
    "ball",
    ")",
    "costs",
    "$",
    "5",
    ".",
  ]],
  ["It's 10km away; 25°C today.", ["It", "'s", "10", "km", "away", ";", "25", "°C", "today", "."]],
  ['"Stop!" he said...', ['"', "Stop", "!", '"', "he", "said", "..."]],
  ["a well-known, hard-working man", [
    "a",
    "well",
    "-",
    "known",
    ",",
    "hard",
    "-",
    "working",
    "man",
  ]],
  ["Send an e-mail to a co-worker, non-stop.", [
    "Send",
    "an",
    "e-mail",
    "to",
    "a",
    "co-worker",
    ",",
    "non-stop",
    ".",
  ]],
  ["Call 713-853-3989 or 646-8420.", ["Call", "713-853-3989", "or", "646-8420", "."]],
  ["pages 10-15", ["pages", "10", "-", "15"]],
  ["See https://example.com/a?b=c, or www.weft.dev.", [
    "See",
    "https://example.com/a?b=c",
    ",",
    "or",
    "www.weft.dev",
    ".",
  ]],
  ["Mail me: jane.doe@example.org!", ["Mail", "me", ":", "jane.doe@example.org", "!"]],
  ["Great :) but sad :( <3", ["Great", ":)", "but", "sad", ":(", "<3"]],
  ["hello:) ok", ["hello", ":)", "ok"]],
  ["Nice 😀👍🏽 and 🇫🇷!", ["Nice", "😀", "👍🏽", "and", "🇫🇷", "!"]],
  ["family 👨‍👩‍👧 time", ["family", "👨‍👩‍👧", "time"]],
  ["What?! No way!!!", ["What", "?!", "No", "way", "!!!"]],
  ["end.The start", ["end", ".", "The", "start"]],
  ["one,two and/or three", ["one", ",", "two", "and", "/", "or", "three"]],
  ["b/c it rained w/o end", ["b/c", "it", "rained", "w/o", "end"]],
  // EWT splits "(s)" plurals (French Sequoia keeps them whole).
  ["friend(s) welcome", ["friend", "(", "s", ")", "welcome"]],
  ["Meet at 7:30PM or 9 a.m. on 11-20-2000.", [
    "Meet",
    "at",
    "7:30",
    "PM",
    "or",
    "9",
    "a.m.",
    "on",
    "11-20-2000",
    ".",
  ]],
  ["Whats up? Bob 's here. Done.?", [
    "What",
    "s",
    "up",
    "?",
    "Bob",
    "'s",
    "here",
    ".",
    "Done",
    ".?",
  ]],
  ["‘‘Yes’’ ====", ["‘‘", "Yes", "’’", "===="]],
  ["It costs 20%.", ["It", "costs", "20", "%", "."]],
  ["y'all ma'am o'clock 'em", ["y'", "all", "ma'am", "o'clock", "'em"]],
];

Deno.test("createTokenizer('en') splits English as hand-annotated", async (t) => {
  for (const [text, words] of cases) {
    await t.step(text, () => assert.deepEqual(en.call(text).words, words));
  }
});

Deno.test("createTokenizer('en') keeps ordinary words that look like contractions", () => {
  for (
    const word of ["ill", "its", "well", "were", "hell", "shed", "wed", "lets", "Shell"]
  ) {
    assert.deepEqual(en.call(word).words, [word]);
  }
});

Deno.test("createTokenizer('en') records norms on contraction pieces", () => {
  const special = en.rules.specialCases["don't"];
  assert.deepEqual(special, [{ orth: "do", norm: "do" }, { orth: "n't", norm: "not" }]);
  assert.deepEqual(en.rules.specialCases["I'm"], [{ orth: "I" }, { orth: "'m", norm: "am" }]);
});
