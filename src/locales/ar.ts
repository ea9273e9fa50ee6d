// Arabic, written right to left (`dir: 'rtl'`): the element's layout mirrors.
import type { Translation } from './translation.js';

const ar: Translation = {
  dir: 'rtl',
  payAmount: (amount) => `ادفع ${amount}`,
  pay: 'ادفع',
  intents: { subscription: 'اشترك', 'save-card': 'احفظ البطاقة', 'update-card': 'حدّث البطاقة' },
  cardDetails: 'بيانات البطاقة',
  paymentMethod: 'طريقة الدفع',
  cardEnding: (brand, last4) => `${brand} المنتهية بـ ${last4}`,
  newCard: 'استخدم بطاقة جديدة',
  saveThisCard: 'احفظ هذه البطاقة للمدفوعات القادمة',
  required: 'يُرجى إدخال بيانات الدفع.',
  retry: 'أعد المحاولة',
  loading: 'جارٍ تحميل نموذج الدفع الآمن…',
  processing: 'جارٍ معالجة الدفع…',
  ready: 'نموذج الدفع جاهز.',
  complete: 'تم استلام بيانات الدفع.',
  redirecting: 'جارٍ فتح صفحة الدفع الآمنة…',
  hostedFrame: 'صفحة الدفع الآمنة',
  hostedDialog: 'الدفع الآمن',
  closeHosted: 'أغلق نافذة الدفع',
  errors: {
    config: 'نموذج الدفع هذا غير مُعدّ بشكل صحيح.',
    'insecure-config': 'رُفض نموذج الدفع هذا لأن إعداداته غير آمنة.',
    'sdk-load': 'تعذّر تحميل نموذج الدفع الآمن.',
    'token-fetch': 'تعذّر بدء جلسة الدفع. يُرجى المحاولة مرة أخرى.',
    'token-expired': 'انتهت صلاحية جلسة الدفع. يُرجى المحاولة مرة أخرى.',
    validation: 'يُرجى التحقق من بيانات بطاقتك.',
    declined: 'رُفضت بطاقتك. يُرجى استخدام بطاقة أخرى.',
    tokenize: 'تعذّرت معالجة بيانات بطاقتك. يُرجى المحاولة مرة أخرى.',
    timeout: 'استغرق مزوّد الدفع وقتًا طويلًا في الرد. يُرجى المحاولة مرة أخرى.',
    session: 'تعذّر إتمام جلسة الدفع.',
    'frame-load': 'تعذّر تحميل صفحة الدفع.',
    'action-failed': 'تعذّر إتمام الدفع. يُرجى المحاولة مرة أخرى.',
  },
};

export default ar;
