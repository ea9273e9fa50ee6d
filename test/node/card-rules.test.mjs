// The card rules that both the hosted card frame and the sandbox's tokenize API apply, and that the
// browser files of the sandbox at least parse.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  checkCard,
  checkCardNumber,
  checkCvc,
  checkExpiry,
  checkName,
  detectBrand,
  formatCardNumber,
  formatExpiry,
  passesLuhn,
} from '../../sandbox/shared/card-rules.js';

const NOW = new Date(2026, 10, 21);

describe('card number', () => {
  it('detects Visa, Mastercard (51-55 and 2221-2720) and Amex (34, 37)', () => {
    assert.equal(detectBrand('4242'), 'VISA');
    assert.equal(detectBrand('5100'), 'MASTERCARD');
    assert.equal(detectBrand('5599'), 'MASTERCARD');
    assert.equal(detectBrand('2221'), 'MASTERCARD');
    assert.equal(detectBrand('2720'), 'MASTERCARD');
    assert.equal(detectBrand('2721'), undefined);
    assert.equal(detectBrand('5600'), undefined);
    assert.equal(detectBrand('3400'), 'AMEX');
    assert.equal(detectBrand('3700'), 'AMEX');
    assert.equal(detectBrand('3500'), undefined);
  });

  it('accepts every sandbox test card', () => {
    for (const number of [
      '4242 4242 4242 4242',
      '5555 5555 5555 4444',
      '3782 822463 10005',
      '4000 0000 0000 0002',
      '4000 0000 0000 0077',
    ]) {
      assert.ok(passesLuhn(number.replace(/ /g, '')), number);
      assert.equal(checkCardNumber(number).isValid, true, number);
    }
  });

  it('says why a number is not valid', () => {
    assert.deepEqual(checkCardNumber(''), { isValid: false, isEmpty: true, error: 'required' });
    assert.equal(checkCardNumber('4242 4242').error, 'incomplete');
    assert.equal(checkCardNumber('2').error, 'incomplete');
    assert.equal(checkCardNumber('4242 4242 4242 4241').error, 'invalid');
    assert.equal(checkCardNumber('4242x').error, 'invalid');
    assert.equal(checkCardNumber('6011 1111 1111 1117').error, 'unsupported');
  });

  it('groups digits as printed on the card', () => {
    assert.equal(formatCardNumber('4242424242424242'), '4242 4242 4242 4242');
    assert.equal(formatCardNumber('378282246310005'), '3782 822463 10005');
    assert.equal(formatCardNumber('42424'), '4242 4');
  });
});

describe('expiry', () => {
  it('accepts this month and later, refuses past months and nonsense', () => {
    assert.equal(checkExpiry('11/26', NOW).isValid, true);
    assert.equal(checkExpiry('10/26', NOW).error, 'expired');
    assert.equal(checkExpiry('13/30', NOW).error, 'invalid');
    assert.equal(checkExpiry('12/', NOW).error, 'incomplete');
    assert.equal(checkExpiry('', NOW).error, 'required');
  });

  it('formats typed and autofilled text as MM/YY', () => {
    assert.equal(formatExpiry('12', true), '12/');
    assert.equal(formatExpiry('12', false), '12');
    assert.equal(formatExpiry('4', true), '04/');
    assert.equal(formatExpiry('1/', true), '01/');
    assert.equal(formatExpiry('1234', true), '12/34');
    assert.equal(formatExpiry('12/2030', true), '12/30');
  });
});

describe('CVC and name', () => {
  it('wants 3 digits, 4 for Amex', () => {
    assert.equal(checkCvc('123', 'VISA').isValid, true);
    assert.equal(checkCvc('1234', 'VISA').error, 'invalid');
    assert.equal(checkCvc('123', 'AMEX').error, 'incomplete');
    assert.equal(checkCvc('1234', 'AMEX').isValid, true);
    assert.equal(checkCvc('12a', 'VISA').error, 'invalid');
  });

  it('wants a name with letters', () => {
    assert.equal(checkName('Zoë Ångström').isValid, true);
    assert.equal(checkName('   ').error, 'required');
    assert.equal(checkName('1234').error, 'invalid');
  });

  it('sums up a whole card in the PekoFormFieldState shape', () => {
    const state = checkCard({ number: '3782 822463 10005', expiry: '12/30', cvc: '1234', name: 'A B' }, NOW);
    assert.deepEqual(state, {
      isValid: true,
      isEmpty: false,
      brand: 'AMEX',
      fields: {
        cardNumber: { isValid: true, isEmpty: false },
        expiry: { isValid: true, isEmpty: false },
        cvc: { isValid: true, isEmpty: false },
        cardholderName: { isValid: true, isEmpty: false },
      },
    });
  });
});

describe('browser files', () => {
  for (const file of [
    'pekopay/web/dist/index.js',
    'pekopay/frame/card.js',
    'shared/card-rules.js',
    'shared/card-form.js',
    'shared/test-cards.js',
    'shared/page.js',
    'shared/offline.js',
    'reepay/checkout/checkout.js',
    'reepay/checkout/init.js',
    'paiwise/pay/checkout.js',
  ]) {
    it(`${file} parses as a module`, async () => {
      await promisify(execFile)(process.execPath, ['--check', fileURLToPath(new URL(`../../sandbox/${file}`, import.meta.url))]);
    });
  }
});
