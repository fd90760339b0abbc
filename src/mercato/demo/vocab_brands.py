# ruff: noqa: E501
"""Invented but plausible brands of the demo shop, with their stories.

Format: ``== slug | 中文名 | English name | 产地=Origin | subcategory slugs`` followed by one
``Z`` (Chinese) and one ``E`` (English) story line.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

TEXT = """
== hemu | 禾沐 | Hemu | 浙江杭州=Hangzhou, Zhejiang | face-cleansers toners-serums face-masks hair-body
Z 禾沐诞生于杭州西溪湿地旁的一间小实验室。创始人是两位化妆品配方师，她们相信好的护肤品应该像稻禾沐浴阳光一样自然温和：配方表尽量短，每一种成分都有存在的理由。如今禾沐已经覆盖洁面、精华和洗护，但每款新品仍要在实验室里打磨一年以上。
E Hemu began in a small lab beside Hangzhou's Xixi wetland. Its founders, two cosmetic chemists, believe skincare should be as gentle as rice fields bathing in sunlight: short ingredient lists in which every ingredient earns its place. Hemu now spans cleansers, serums and body care, yet every new product still spends more than a year in the lab.
== qingyan | 青妍 | Qingyan | 上海=Shanghai | toners-serums face-creams sun-care
Z 青妍由上海一家皮肤科诊所的医生团队创立。她们在门诊中发现，很多皮肤问题来自过度护理，于是提出“精准护肤”：用经过验证的成分、恰当的浓度，解决具体的问题。每款产品都附有第三方功效测试报告。
E Qingyan was founded by dermatologists at a Shanghai clinic who saw that many skin problems came from over-treatment. Their answer is precise skincare: proven ingredients at the right concentration for a specific concern. Every product ships with a third-party efficacy report.
== chubai | 初白 | Chubai | 广东广州=Guangzhou, Guangdong | face-cleansers face-masks sun-care
Z 初白来自广州，专为学生党和职场新人设计平价好用的基础护肤。品牌名取自“初心”与“留白”，希望护肤回到简单。初白坚持不请明星代言，把省下的预算投入原料和检测，让一百元以内也能买到放心的产品。
E Chubai comes from Guangzhou and makes affordable, dependable basics for students and young professionals. The name joins "first intention" with "white space", a wish to keep skincare simple. Chubai skips celebrity endorsements and spends the budget on ingredients and testing instead, so reliable products stay under a hundred yuan.
== huajianji | 花间集 | Huajianji | 云南昆明=Kunming, Yunnan | toners-serums face-creams face-masks
Z 花间集扎根云南，与当地农户合作种植玫瑰、积雪草和滇山茶等植物原料。从种植、采收到萃取都在省内完成，原料可追溯到具体的田块。品牌希望把云南高原植物的生命力，带进每一个普通人的护肤日常。
E Huajianji is rooted in Yunnan, where it works with local farmers to grow roses, centella and Yunnan camellia. Growing, harvesting and extraction all happen within the province, and every ingredient can be traced to its field. The brand wants to bring the vitality of highland plants into everyday skincare.
== dermasource | 肌本源 | Dermasource | 上海=Shanghai | face-cleansers face-creams sun-care baby-care
Z 肌本源专注敏感肌与婴童肌肤护理，研发团队由皮肤科医生和药剂师组成。品牌坚持“无香精、无酒精、无色素”的三无原则，所有产品都经过人体斑贴测试，是很多新手妈妈和敏感肌人群的安心之选。
E Dermasource focuses on sensitive and infant skin, with a team of dermatologists and pharmacists. It holds to three rules: no fragrance, no alcohol, no colourants, and every product is patch-tested on people. It has become a trusted choice for new mums and anyone with reactive skin.
== little-sprout | 小禾苗 | Little Sprout | 湖南长沙=Changsha, Hunan | diapers feeding baby-care
Z 小禾苗由一对在长沙的医护夫妻创办。孩子出生后，他们发现很多婴儿用品“看起来很美，用起来很累”，于是决定自己做：从纸尿裤到奶瓶，每一款都先在自家和朋友的孩子身上试用几个月，再决定是否上市。
E Little Sprout was founded by a doctor and nurse couple in Changsha. After their child arrived, they found that many baby products looked lovely but were a chore to use, so they made their own. From diapers to bottles, each product is tried for months with their own and friends' children before it launches.
== bearlo | 贝乐熊 | Bearlo | 浙江宁波=Ningbo, Zhejiang | feeding toys baby-clothing
Z 贝乐熊来自中国重要的母婴用品产业带宁波，拥有二十年的代工经验。2018年起，工厂决定推出自有品牌，把为国际品牌生产时积累的质量标准用在自己的产品上，价格却只有同类进口产品的一半。
E Bearlo comes from Ningbo, one of China's major baby-product manufacturing hubs, with twenty years of contract manufacturing behind it. In 2018 the factory launched its own brand, applying the quality standards it learned from international clients at half the price of comparable imports.
== nuanwo | 暖窝 | Nuanwo | 浙江杭州=Hangzhou, Zhejiang | baby-clothing bedding
Z 暖窝的名字来自一句家常话：“家是一个暖暖的窝”。品牌专注于贴身纺织品，从婴儿连体衣到全家的床品，只做A类标准的产品，选用长绒棉、有机棉等天然面料，让全家人都睡得安稳。
E Nuanwo takes its name from a homely saying: home is a warm nest. The brand focuses on next-to-skin textiles, from baby rompers to bedding for the whole family, made only to Class A standards in natural fabrics such as long-staple and organic cotton, so everyone sleeps soundly.
== senbao | 森宝 | Senbao | 福建厦门=Xiamen, Fujian | toys baby-clothing
Z 森宝起步于厦门的一家木工坊，最初为幼儿园定制木制教具。品牌坚持使用可持续来源的榉木和水性漆，并与早教老师共同设计玩法，希望孩子们在玩耍中感受到自然材料的温度。
E Senbao started as a woodworking shop in Xiamen making teaching toys for kindergartens. It still uses sustainably sourced beech and water-based paint, and designs play ideas together with early-years teachers, so children can feel the warmth of natural materials as they play.
== mianrou | 棉柔家 | Mianrou | 福建晋江=Jinjiang, Fujian | diapers paper-goods
Z 棉柔家来自全国闻名的卫生用品之都晋江，从一条纸巾生产线做起，如今拥有自己的无尘车间和检测中心。品牌相信，天天都要用的东西更要做好，每一批产品都会进行微生物检测后才出厂。
E Mianrou comes from Jinjiang, China's best-known hub for hygiene products. It began with a single tissue line and now runs its own clean rooms and test lab. The brand believes that things used every day deserve the most care, so every batch is microbially tested before it leaves the factory.
== chuiyan | 炊烟 | Chuiyan | 广东阳江=Yangjiang, Guangdong | cookware drinkware
Z 炊烟来自“中国刀剪之都”阳江，三代人经营五金制造。品牌名寄托着对人间烟火的喜爱：好的厨具不必昂贵，但必须耐用、顺手、好清洗。炊烟的每一口锅都要经过36道工序和千次耐磨测试。
E Chuiyan comes from Yangjiang, China's capital of knives and scissors, where one family has made metalware for three generations. The name evokes smoke rising from kitchen chimneys: good cookware need not be expensive, but it must last, feel right and clean easily. Every pot goes through 36 steps and a thousand-cycle abrasion test.
== zhangtie | 章铁 | Zhangtie | 山东章丘=Zhangqiu, Shandong | cookware
Z 章铁扎根于山东章丘，这里的手工铁锅已有数百年历史。品牌与当地老铁匠合作，保留冷锻、手工捶打等传统工艺，同时引入现代检测，让每一口锅既有老手艺的温度，也有稳定可靠的品质。
E Zhangtie is rooted in Zhangqiu, Shandong, where hand-made iron pans have a history of several centuries. Working with local smiths, it keeps traditional cold forging and hand hammering while adding modern testing, so each pan carries the warmth of old craft and dependable quality.
== qiwuji | 器物集 | Qiwuji | 江西景德镇=Jingdezhen, Jiangxi | coffee-tea drinkware tea
Z 器物集由几位景德镇陶瓷学院的毕业生创立，想让传统陶瓷和茶器融入年轻人的日常。品牌既做手冲咖啡器具，也做茶具与茶叶，主张“好器配好物”：一只顺手的杯子，会让每天的那杯茶或咖啡更有仪式感。
E Qiwuji was founded by graduates of the Jingdezhen ceramics institute who wanted traditional ceramics and teaware to fit young people's daily lives. It makes pour-over gear as well as teaware and tea, believing that good vessels deserve good contents: the right cup makes the daily tea or coffee feel like a small ritual.
== shiguang | 拾光 | Shiguang Home | 江苏南通=Nantong, Jiangsu | bedding storage
Z 拾光来自中国家纺重镇南通，希望帮助城市里忙碌的人们“拾回生活的时光”。品牌专注床品与收纳，两条产品线都围绕同一个目标：让家更整洁、更舒适，让人回到家就能真正放松下来。
E Shiguang Home comes from Nantong, a centre of China's home-textile industry, and wants to help busy city dwellers reclaim their time. It focuses on bedding and storage, two lines with one goal: a tidier, more comfortable home where people can truly relax the moment they walk in.
== jianwu | 简屋 | Jianwu | 广东深圳=Shenzhen, Guangdong | storage drinkware
Z 简屋的创始人曾是一名建筑师，在深圳租过十几平米的小房子。他深知小户型的难处，于是开始设计可叠加、可折叠的收纳和随行用品。简屋的每件产品都标注精确尺寸，帮助用户把每一厘米都用好。
E Jianwu's founder was an architect who once rented a 15 m² flat in Shenzhen. Knowing the struggles of small homes, he began designing stackable, foldable storage and everyday carry. Every Jianwu product lists exact dimensions to help people make the most of every centimetre.
== beike | 焙客 | Beike Coffee | 上海=Shanghai | coffee-tea coffee-drinks
Z 焙客是一家诞生于上海弄堂的精品咖啡烘焙工作室，与云南保山和普洱的咖啡农长期合作，也引进埃塞俄比亚、哥伦比亚的优质生豆。品牌坚持下单后烘焙，让每一包咖啡豆都在最佳赏味期内送到你手里。
E Beike is a specialty roastery born in a Shanghai lane house. It works long-term with coffee farmers in Baoshan and Pu'er in Yunnan and also imports fine green beans from Ethiopia and Colombia. It roasts to order, so every bag arrives at its best.
== jidian | 极电 | Jidian | 广东深圳=Shenzhen, Guangdong | chargers power-banks
Z 极电由一群来自深圳华强北的电源工程师创立，他们在电源方案领域深耕十余年。品牌专注充电器和移动电源，坚持使用A品电芯与品牌芯片，每台产品出厂前都要完成满载老化测试。
E Jidian was founded by power engineers from Shenzhen's Huaqiangbei electronics district with over a decade in power design. Focused on chargers and power banks, it uses grade-A cells and branded chips, and every unit completes a full-load burn-in test before shipping.
== yinlan | 音岚 | Yinlan Audio | 广东深圳=Shenzhen, Guangdong | audio
Z 音岚的声学团队来自国际耳机品牌的代工厂，在深圳拥有自己的消声室。品牌希望把好声音带给更多人：在主流价位里做出均衡、耐听的调音，并提供三年的固件更新支持。
E Yinlan's acoustic team came from factories that build headphones for international brands, and it runs its own anechoic chamber in Shenzhen. It wants to bring good sound to more people, with balanced, easy-listening tuning at mainstream prices and three years of firmware updates.
== kele | 壳乐 | Kele | 广东东莞=Dongguan, Guangdong | phone-cases chargers
Z 壳乐来自制造业重镇东莞，专注手机保护配件。新机发布后，壳乐通常在一周内完成开模和上架。品牌相信手机壳既要护得住，也要好看，每一季都会推出与年轻插画师合作的新配色。
E Kele comes from the manufacturing city of Dongguan and specialises in phone protection. After a new phone launches, Kele usually has tooling done and cases on sale within a week. It believes a case must protect and look good, and every season brings new colourways with young illustrators.
== xunchi | 迅驰 | Xunchi | 广东深圳=Shenzhen, Guangdong | power-banks audio phone-cases
Z 迅驰是一家面向年轻人的数码配件品牌，主打“出门一个包就够”的移动生活方式。从磁吸充电宝到运动耳机，迅驰的产品都强调轻便、耐用和兼容性，适合通勤、出差和校园生活。
E Xunchi is a digital-accessory brand for young people, built around a one-bag mobile lifestyle. From magnetic power banks to sports earphones, its products focus on portability, durability and compatibility for commuting, business trips and campus life.
== zhichuan | 织川 | Zhichuan | 浙江湖州=Huzhou, Zhejiang | knitwear shirts-tees
Z 织川来自湖州，这里自古就是丝绸与纺织之乡。品牌专注针织和基础上衣，与本地拥有三十年经验的针织厂合作，选用美利奴羊毛和长绒棉等优质纱线，做“能穿很多年”的衣服。
E Zhichuan comes from Huzhou, a home of silk and weaving since ancient times. It focuses on knitwear and everyday tops, working with a local mill that has thirty years of experience and using premium yarns such as merino wool and long-staple cotton to make clothes that last for years.
== beiyuan | 北原 | Beiyuan | 内蒙古包头=Baotou, Inner Mongolia | knitwear outerwear
Z 北原扎根内蒙古草原，与牧民合作收购原绒，从分梳、纺纱到织造都在本地完成。品牌只做两类产品：羊绒衫和羽绒服，希望把北方冬天的温暖，用最纯粹的方式带给每一个人。
E Beiyuan is rooted on the Inner Mongolian grasslands, buying raw cashmere from herders and handling dehairing, spinning and knitting locally. It makes only two things, cashmere knitwear and down jackets, bringing the warmth of northern winters to everyone in the simplest way.
== sujian | 素简 | Sujian | 浙江杭州=Hangzhou, Zhejiang | shirts-tees knitwear outerwear
Z 素简倡导“少而精”的衣橱理念，每季只推出几十款基础单品，颜色以大地色和中性色为主，方便相互搭配。品牌设计师相信，一件好衣服不需要太多装饰，合身的剪裁和好面料就是最好的设计。
E Sujian champions a small but well-chosen wardrobe, releasing only a few dozen basics each season in earthy and neutral colours that all work together. Its designers believe a good garment needs little decoration: a good fit and good fabric are the best design.
== lutu | 履途 | Lutu | 浙江温州=Wenzhou, Zhejiang | shoes bags
Z 履途来自中国鞋都温州，创始人的父亲是一位做了四十年皮鞋的老鞋匠。品牌延续手工缝制和真皮工艺，并根据中国人的脚型数据重新设计鞋楦，让经典款式穿起来更舒服。
E Lutu comes from Wenzhou, China's shoe capital; the founder's father was a shoemaker for forty years. The brand keeps hand stitching and genuine leather craft alive and redesigned its lasts from Chinese foot-shape data, so classic styles feel more comfortable.
== xingnang | 行囊 | Xingnang | 广东广州=Guangzhou, Guangdong | bags camping
Z 行囊的团队都是热爱旅行的背包客，走过三十多个国家。他们把路上遇到的不便，一点点变成产品设计：防盗拉链、可登机尺寸、轻量化面料。行囊希望陪伴每一位用户，从城市通勤走到山野营地。
E The Xingnang team are keen backpackers who have travelled through more than thirty countries. They turned every annoyance on the road into design details: anti-theft zips, cabin-size bags and lightweight fabrics. Xingnang wants to travel with its customers from the city commute to the mountain campsite.
== yuedong | 跃动 | Yuedong | 福建晋江=Jinjiang, Fujian | activewear running-shoes fitness outerwear
Z 跃动诞生于运动鞋服产业重镇晋江，拥有自己的运动科学实验室。品牌与高校合作研究中国跑者的足型与跑姿，用专业的装备支持每一个普通人迈出运动的第一步。
E Yuedong was born in Jinjiang, a powerhouse of sportswear manufacturing, and runs its own sports-science lab. Working with universities on the foot shapes and gaits of Chinese runners, it builds serious gear to help ordinary people take their first step into sport.
== shanyeji | 山野集 | Shanyeji | 云南临沧=Lincang, Yunnan | snacks pantry
Z 山野集的采购团队常年奔走于云南、新疆和东北的山野田间，寻找风味出众的坚果与农产品。品牌坚持与合作社直接合作，减少中间环节，让农户获得更合理的收入，也让消费者吃到新鲜的好东西。
E Shanyeji's buyers spend the year travelling the hills and fields of Yunnan, Xinjiang and the northeast in search of outstanding nuts and farm produce. Working directly with cooperatives cuts out middlemen, giving farmers a fairer income and customers fresher food.
== yunling | 云岭茶社 | Yunling Tea | 云南普洱=Pu'er, Yunnan | tea coffee-drinks
Z 云岭茶社位于云南普洱，这里既是普洱茶的故乡，也是中国最大的咖啡产区之一。茶社与当地茶农和咖农合作，自有初制所，坚持生态种植，让一片叶子、一颗豆子都带着云岭山间的风土。
E Yunling Tea is based in Pu'er, Yunnan, home of pu'er tea and one of China's largest coffee regions. It partners with local tea and coffee farmers, runs its own primary processing workshop and farms ecologically, so every leaf and bean carries the terroir of the Yunling mountains.
== guhe | 谷禾 | Guhe | 黑龙江五常=Wuchang, Heilongjiang | pantry snacks
Z 谷禾来自黑龙江五常，这里的黑土地一年只种一季水稻。品牌从一家家庭农场起步，坚持当季收割、低温仓储、按需加工，让城市家庭也能吃到刚碾出来的新米。
E Guhe comes from Wuchang, Heilongjiang, where the black soil grows only one rice crop a year. It started as a family farm and still harvests in season, stores at low temperature and mills to order, so city families can eat freshly milled new-crop rice.
== shanyu | 山屿 | Shanyu Outdoor | 福建厦门=Xiamen, Fujian | camping activewear
Z 山屿由一群户外领队在厦门创立，他们带队走过武功山、四姑娘山和环海南岛骑行线路。品牌相信户外不必是少数人的冒险，好用、好搭、好收纳的装备，可以让更多家庭走进自然。
E Shanyu Outdoor was founded in Xiamen by outdoor guides who have led groups up Wugong Mountain and Siguniang Mountain and around Hainan by bike. It believes the outdoors is not just for a daring few: gear that is easy to use, pitch and pack can bring many more families into nature.
== yuejia | 悦伽 | Yuejia | 四川成都=Chengdu, Sichuan | fitness activewear
Z 悦伽由成都的一位瑜伽老师创立，最初只是为学员定制防滑瑜伽垫。如今品牌已有完整的居家健身产品线，并提供免费的线上跟练课程，希望每个人都能在家里找到属于自己的运动节奏。
E Yuejia was started by a yoga teacher in Chengdu who first made non-slip mats for her students. It now offers a full range of home-fitness gear along with free online classes, hoping everyone can find their own rhythm of exercise at home.
== jiexi | 洁夕 | Jiexi | 广东广州=Guangzhou, Guangdong | laundry household-cleaning hair-body oral-care
Z 洁夕是一家来自广州的日化品牌，研发中心拥有上百位配方工程师。品牌专注家庭清洁与个人洗护，在去污力与温和度之间寻找平衡，并持续使用可再生包装材料，减少塑料浪费。
E Jiexi is a Guangzhou household-care brand whose R&D centre employs more than a hundred formulation engineers. Focused on home cleaning and personal care, it balances cleaning power with mildness and keeps moving to renewable packaging to cut plastic waste.
== baiyang | 白氧 | Baiyang | 江苏扬州=Yangzhou, Jiangsu | oral-care household-cleaning laundry
Z 白氧来自“中国牙刷之乡”扬州，最初以口腔护理起家，后来把活性氧清洁技术延伸到家居清洁和衣物护理。品牌主张用科学验证的成分，做让全家放心的清洁产品。
E Baiyang comes from Yangzhou, China's toothbrush capital. It began in oral care and later carried its active-oxygen cleaning technology into household and laundry care. The brand uses scientifically proven ingredients to make cleaning products the whole family can trust.
"""


@dataclass(frozen=True)
class BrandVocab:
    slug: str
    name_zh: str
    name_en: str
    origin_zh: str
    origin_en: str
    subs: tuple[str, ...]
    story_zh: str
    story_en: str


@cache
def load() -> tuple[BrandVocab, ...]:
    brands: list[BrandVocab] = []
    head: list[str] = []
    story: dict[str, str] = {}
    for raw in [*TEXT.strip().splitlines(), "=="]:
        line = raw.strip()
        if line.startswith("=="):
            if head:
                origin_zh, origin_en = head[3].split("=", 1)
                subs = tuple(head[4].split())
                slug, name_zh, name_en = head[:3]
                story_zh, story_en = story["Z"], story["E"]
                brands.append(
                    BrandVocab(
                        slug, name_zh, name_en, origin_zh, origin_en, subs, story_zh, story_en
                    )
                )
            head = [f.strip() for f in line[2:].split("|")]
        elif line:
            story[line[0]] = line[2:].strip()
    return tuple(brands)


@cache
def brands_for(sub_slug: str) -> tuple[str, ...]:
    """Slugs of the brands that make products in a subcategory."""
    found = tuple(b.slug for b in load() if sub_slug in b.subs)
    if not found:
        raise KeyError(f"no brand makes {sub_slug}")
    return found
